// Region names as district offices write them, against the real graph-seeds,
// whose districts carry a bracketed other name (新吴区(无锡高新区)): the plain
// name, the full path, the bracketed name and the English name all resolve.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { ImportContext } from '../../server/io/import/context.js';

const seeds = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const ctx = new ImportContext({ clusters: seeds.clusters, segments: seeds.segments, regions: seeds.regions, sources: seeds.sources, firms: [], supplies: [], projects: [] });
const regionOf = (text: string) => {
  const r = ctx.resolveRegion(text);
  return r.ok ? r.value.id : r.code;
};

describe('region names in import files (real seeds)', () => {
  it.each(['新吴区', '新吴', '无锡市新吴区', '江苏省无锡市新吴区', '新吴区(无锡高新区)', '新吴区(无锡高新区)', '无锡高新区', 'Xinwu District', 'cn-js-wx-xinwu'])('%s → 新吴区', (text) => {
    expect(regionOf(text)).toBe('cn-js-wx-xinwu');
  });

  it('other bracketed districts, plain names and unknown places', () => {
    expect(regionOf('浦口区')).toBe('cn-js-nj-pukou');
    expect(regionOf('南京市浦口区')).toBe('cn-js-nj-pukou');
    expect(regionOf('江阴')).toBe('cn-js-wx-jiangyin');
    expect(regionOf('火星')).toBe('UNKNOWN');
  });
});
