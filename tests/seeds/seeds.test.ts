// The real graph-seeds/ load through the validating loader and are complete
// enough for the product: the plan's 12 clusters with their tiers, chains drawn
// with the required segments, cross-cluster flows, enough firms in every
// cluster, provenance on every firm, anchors, and a region tree that puts the
// home district where the plan says it is. Also guards the honesty rules of
// the data: well-known Wuxi firms outside 新吴区 stay outside it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { projectStatuses, type Firm, type Region } from '../../server/domain/model.js';

const HOME = 'cn-js-wx-xinwu';
const seeds = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));

const regionById = new Map(seeds.regions.map((r) => [r.id, r]));
const sourceById = new Map(seeds.sources.map((s) => [s.id, s]));
const segmentById = new Map(seeds.segments.map((s) => [s.id, s]));
const firmById = new Map(seeds.firms.map((f) => [f.id, f]));

function ancestors(regionId: string): string[] {
  const out: string[] = [];
  for (let r: Region | undefined = regionById.get(regionId); r; r = r.parentId ? regionById.get(r.parentId) : undefined) out.push(r.id);
  return out;
}
const isLocal = (f: Firm) => ancestors(f.regionId).includes(HOME);
const clusterOf = (segmentId: string) => segmentById.get(segmentId)!.clusterId;
const firmsIn = (clusterId: string) => seeds.firms.filter((f) => f.segments.some((s) => clusterOf(s.segmentId) === clusterId));
const firmsInSegment = (segmentId: string) => seeds.firms.filter((f) => f.segments.some((s) => s.segmentId === segmentId));

describe('graph-seeds: clusters (plan 二(一)1)', () => {
  const expected: [string, string, string][] = [
    ['iot', '物联网', 'international'],
    ['ic', '集成电路', 'international'],
    ['equipment', '高端装备', 'international'],
    ['components', '电子元器件', 'international'],
    ['auto-parts', '汽车零部件', 'international'],
    ['materials', '新材料', 'national'],
    ['software', '高端软件', 'national'],
    ['biomed', '生物医药及医疗器械', 'national'],
    ['eco', '节能环保', 'national'],
    ['new-energy', '新能源', 'national'],
    ['5g', '5G', 'high-growth'],
    ['ai', '人工智能', 'high-growth'],
  ];

  it('has exactly the 12 clusters of the plan with their tiers and Chinese names', () => {
    expect(seeds.clusters).toHaveLength(12);
    const got = seeds.clusters.map((c) => [c.id, c.nameZh, c.tier]).sort();
    expect(got).toEqual([...expected].sort());
  });

  it('gives every cluster 8–20 segments with both names, ids prefixed by the cluster', () => {
    for (const c of seeds.clusters) {
      const segs = seeds.segments.filter((s) => s.clusterId === c.id);
      expect(segs.length, c.id).toBeGreaterThanOrEqual(8);
      expect(segs.length, c.id).toBeLessThanOrEqual(20);
      for (const s of segs) {
        expect(s.id.startsWith(`${c.id}.`), s.id).toBe(true);
        expect(s.nameZh.length, s.id).toBeGreaterThan(0);
        expect(s.nameEn.length, s.id).toBeGreaterThan(0);
      }
      // a chain, not a list: at least an upstream-or-support and a downstream-or-midstream end
      const stages = new Set(segs.map((s) => s.stage));
      expect(stages.size, c.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('draws IC as 设计(含EDA/IP) / 晶圆 / 封测 / 设备 / 材料, as the plan does (二(二)8)', () => {
    const need: [string, string][] = [
      ['ic.design', 'upstream'],
      ['ic.eda-ip', 'support'],
      ['ic.fab', 'midstream'],
      ['ic.pkg', 'downstream'],
      ['ic.pkg.advanced', 'downstream'],
      ['ic.test', 'downstream'],
      ['ic.equip', 'support'],
      ['ic.mat', 'support'],
      ['ic.mat.wafer', 'support'],
      ['ic.mat.photoresist', 'support'],
      ['ic.memory', 'midstream'],
      ['ic.power', 'midstream'],
    ];
    for (const [id, stage] of need) expect(segmentById.get(id)?.stage, id).toBe(stage);
    expect(segmentById.get('ic.eda-ip')!.nameZh).toContain('EDA');
    expect(segmentById.get('ic.pkg.advanced')!.nameZh).toContain('SiP');
  });

  it('covers the biomedicine segments the plan names, incl. CRO, CMO/CDMO and MAH (二(二)7)', () => {
    for (const id of [
      'biomed.drugs',
      'biomed.drugs.chemical',
      'biomed.drugs.biologic',
      'biomed.devices',
      'biomed.ivd',
      'biomed.smart-health',
      'biomed.cro',
      'biomed.cdmo',
      'biomed.mah',
    ]) {
      expect(segmentById.has(id), id).toBe(true);
    }
    expect(segmentById.get('biomed.cdmo')!.nameZh).toMatch(/CMO.*CDMO/);
    expect(segmentById.get('biomed.ivd')!.parentId).toBe('biomed.devices');
    expect(segmentById.get('biomed.drugs.biologic')!.parentId).toBe('biomed.drugs');
  });
});

describe('graph-seeds: FEEDS', () => {
  const cross = seeds.feeds.filter((f) => clusterOf(f.from) !== clusterOf(f.to));

  it('has flows inside every cluster and at least 25 across clusters', () => {
    for (const c of seeds.clusters) {
      const inside = seeds.feeds.filter((f) => clusterOf(f.from) === c.id && clusterOf(f.to) === c.id);
      expect(inside.length, c.id).toBeGreaterThanOrEqual(8);
    }
    expect(cross.length).toBeGreaterThanOrEqual(25);
  });

  it('has the cross-cluster flows the chain depends on (IC → components → IoT → 5G …)', () => {
    const has = (from: string, to: string) => seeds.feeds.some((f) => f.from === from && f.to === to);
    expect(has('ic.pkg', 'iot.module')).toBe(true);
    expect(has('ic.mems', 'iot.sensor')).toBe(true);
    expect(has('ic.design', 'ai.chip')).toBe(true);
    expect(has('ic.power', 'auto-parts.ev-drive')).toBe(true);
    expect(has('components.passive', 'iot.terminal')).toBe(true);
    expect(has('components.pcb', '5g.base-station')).toBe(true);
    expect(has('components.passive', 'auto-parts.electronics')).toBe(true);
    expect(has('materials.electronic', 'ic.mat')).toBe(true);
    expect(has('materials.battery', 'new-energy.battery-cell')).toBe(true);
    expect(has('software.cloud', 'iot.platform')).toBe(true);
    expect(has('software.cloud', 'ai.framework')).toBe(true);
    expect(has('new-energy.battery-cell', 'auto-parts.battery-pack')).toBe(true);
    expect(has('5g.chip', 'iot.module')).toBe(true);
    // every cluster takes part in at least one cross-cluster flow
    for (const c of seeds.clusters) {
      expect(cross.some((f) => clusterOf(f.from) === c.id || clusterOf(f.to) === c.id), c.id).toBe(true);
    }
  });

  it('is acyclic, so "downstream reach" is well defined', () => {
    const next = new Map<string, string[]>();
    for (const f of seeds.feeds) next.set(f.from, [...(next.get(f.from) ?? []), f.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycleFrom = (s: string): string | null => {
      state.set(s, 'open');
      for (const t of next.get(s) ?? []) {
        if (state.get(t) === 'open') return `${s}→${t}`;
        if (!state.has(t)) {
          const c = cycleFrom(t);
          if (c) return c;
        }
      }
      state.set(s, 'done');
      return null;
    };
    for (const s of seeds.segments) if (!state.has(s.id)) expect(cycleFrom(s.id), s.id).toBeNull();
  });

  it('keeps the input shares of each segment at most 1 and every segment connected', () => {
    const inShare = new Map<string, number>();
    for (const f of seeds.feeds) inShare.set(f.to, (inShare.get(f.to) ?? 0) + f.weight);
    for (const [segment, share] of inShare) expect(share, segment).toBeLessThanOrEqual(1 + 1e-9);
    for (const s of seeds.segments) {
      expect(seeds.feeds.some((f) => f.from === s.id || f.to === s.id), s.id).toBe(true);
    }
  });
});

describe('graph-seeds: regions', () => {
  it('puts 新吴区 (the default home region) under 无锡 under 江苏', () => {
    expect(regionById.get(HOME)).toMatchObject({ level: 'district', parentId: 'cn-js-wx', yrd: true });
    expect(regionById.get('cn-js-wx')).toMatchObject({ level: 'city', parentId: 'cn-js' });
    expect(regionById.get('cn-js')).toMatchObject({ level: 'province', parentId: 'cn' });
  });

  it('has all of Wuxi’s districts and county-level cities', () => {
    const wuxi = seeds.regions.filter((r) => r.parentId === 'cn-js-wx').map((r) => r.nameZh.replace(/\(.*\)/, ''));
    expect(wuxi.sort()).toEqual(['宜兴市', '惠山区', '新吴区', '梁溪区', '江阴市', '滨湖区', '锡山区'].sort());
  });

  it('marks exactly 上海/江苏/浙江/安徽 and everything below them as 长三角', () => {
    const yrdRoots = ['cn-sh', 'cn-js', 'cn-zj', 'cn-ah'];
    for (const r of seeds.regions) {
      const inYrd = ancestors(r.id).some((a) => yrdRoots.includes(a));
      expect(r.yrd, r.id).toBe(inYrd);
    }
    for (const id of ['cn-sh-pudong', 'cn-js-sz-sip', 'cn-js-nj', 'cn-zj-hz', 'cn-ah-hf', 'cn-js-cz', 'cn-js-nt', 'cn-zj-nb']) {
      expect(regionById.get(id)?.yrd, id).toBe(true);
    }
    for (const id of ['cn-bj', 'cn-gd-sz', 'cn-gd-gz', 'cn-sn-xa', 'cn-sc-cd', 'cn-hb-wh', 'cn-cq', 'cn-tj', 'cn-fj-xm', 'cn-hn-cs']) {
      expect(regionById.get(id)?.yrd, id).toBe(false);
    }
  });

  it('has the origin countries, with 台湾 as a province of China', () => {
    for (const id of ['jp', 'kr', 'us', 'de', 'nl', 'fr', 'gb', 'ch', 'sg']) {
      expect(regionById.get(id), id).toMatchObject({ level: 'country' });
      expect(regionById.get(id)!.parentId, id).toBeUndefined();
    }
    expect(regionById.get('cn-tw')).toMatchObject({ nameZh: '台湾', level: 'province', parentId: 'cn' });
    expect(regionById.has('tw')).toBe(false);
  });
});

describe('graph-seeds: firms', () => {
  it('has at least 150 firms, at least 10 operating in every cluster, with local and outside firms', () => {
    expect(seeds.firms.length).toBeGreaterThanOrEqual(150);
    for (const c of seeds.clusters) {
      const firms = firmsIn(c.id);
      expect(firms.length, c.id).toBeGreaterThanOrEqual(10);
      expect(firms.filter(isLocal).length, `${c.id} local`).toBeGreaterThanOrEqual(1);
      const outside = firms.filter((f) => !isLocal(f));
      expect(outside.some((f) => regionById.get(f.regionId)!.yrd), `${c.id} 长三角 targets`).toBe(true);
      expect(outside.some((f) => f.ownership === 'foreign'), `${c.id} foreign targets`).toBe(true);
    }
  });

  it('gives every firm a known source and a confidence; illustrative firms cite the illustrative source', () => {
    for (const f of seeds.firms) {
      const source = sourceById.get(f.sourceId);
      expect(source, f.id).toBeDefined();
      expect(f.confidence, f.id).toBeGreaterThan(0);
      expect(f.confidence, f.id).toBeLessThanOrEqual(1);
      if (f.illustrative) {
        expect(source!.kind, f.id).toBe('illustrative');
        expect(f.confidence, f.id).toBeLessThanOrEqual(0.3);
        expect(f.nameZh.startsWith('示例·'), f.id).toBe(true);
      } else {
        expect(source!.kind, f.id).not.toBe('illustrative');
        expect(f.nameZh.startsWith('示例'), f.id).toBe(false);
      }
    }
  });

  it('is mostly real firms (≥ 60%)', () => {
    const real = seeds.firms.filter((f) => !f.illustrative).length;
    expect(real / seeds.firms.length).toBeGreaterThanOrEqual(0.6);
  });

  it('gives every firm exactly one primary segment and a country of origin', () => {
    for (const f of seeds.firms) {
      expect(f.segments.filter((s) => s.primary).length, f.id).toBe(1);
      const origin = regionById.get(f.originId)!;
      expect(origin.level === 'country' || f.originId === 'cn-tw' || f.originId === 'cn-hk', f.id).toBe(true);
      if (f.ownership === 'foreign') expect(f.originId, f.id).not.toBe('cn');
      if (ancestors(f.regionId).at(-1) !== 'cn') expect(f.ownership, `${f.id} abroad`).toBe('foreign');
    }
  });

  it('places famous Wuxi firms outside 新吴区 where they are (JCET in 江阴, …)', () => {
    const where = (id: string) => firmById.get(id)?.regionId;
    expect(where('firm:jcet')).toBe('cn-js-wx-jiangyin');
    expect(isLocal(firmById.get('firm:jcet')!)).toBe(false);
    expect(where('firm:maxscend')).toBe('cn-js-wx-binhu');
    expect(where('firm:zhonghuan-advanced')).toBe('cn-js-wx-yixing');
    expect(where('firm:envision')).toBe('cn-js-wx-jiangyin');
    expect(where('firm:shuangliang')).toBe('cn-js-wx-jiangyin');
    expect(where('firm:wuxi-apptec')).toBe('cn-js-wx-binhu');
    // and the district's well-known plants inside it
    expect(where('firm:sk-hynix-wuxi')).toBe(HOME);
    expect(where('firm:huahong-wuxi')).toBe(HOME);
  });

  it('keeps firms whose district is unsure at city level, tagged 区县待核实', () => {
    for (const f of seeds.firms) {
      if (!f.tags.includes('区县待核实')) continue;
      expect(['city', 'province'], f.id).toContain(regionById.get(f.regionId)!.level);
    }
  });

  it('gives the gap finder something to find: missing, single-firm and multi-firm segments, with targets for every gap', () => {
    const localCount = (segmentId: string) => firmsInSegment(segmentId).filter(isLocal).length;
    const ic = seeds.segments.filter((s) => s.clusterId === 'ic').map((s) => s.id);
    expect(ic.filter((s) => localCount(s) === 0)).toEqual(expect.arrayContaining(['ic.eda-ip', 'ic.mat.photoresist', 'ic.equip.litho']));
    expect(localCount('ic.memory')).toBe(1); // SK海力士: a single point of failure
    expect(localCount('ic.power')).toBeGreaterThanOrEqual(3);
    for (const s of seeds.segments) {
      if (localCount(s.id) > 0) continue;
      expect(firmsInSegment(s.id).length, `${s.id} has no outside firm to recommend`).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('graph-seeds: anchors, supply ties, projects', () => {
  it('marks anchors (链主) in at least 8 clusters', () => {
    const clusters = new Set(seeds.anchors.map((a) => a.clusterId));
    expect(clusters.size).toBeGreaterThanOrEqual(8);
    expect(seeds.anchors).toContainEqual(expect.objectContaining({ firmId: 'firm:sk-hynix-wuxi', clusterId: 'ic' }));
    for (const a of seeds.anchors) {
      const firm = firmById.get(a.firmId)!;
      expect(firm.segments.some((s) => clusterOf(s.segmentId) === a.clusterId), a.firmId).toBe(true);
    }
  });

  it('has at least 40 supply ties, with local buyers sourcing both locally and from outside (本地配套率)', () => {
    expect(seeds.supplies.length).toBeGreaterThanOrEqual(40);
    const localBuyer = seeds.supplies.filter((t) => isLocal(firmById.get(t.to)!));
    expect(localBuyer.filter((t) => isLocal(firmById.get(t.from)!)).length).toBeGreaterThanOrEqual(10);
    expect(localBuyer.filter((t) => !isLocal(firmById.get(t.from)!)).length).toBeGreaterThanOrEqual(10);
    for (const t of seeds.supplies) {
      const source = sourceById.get(t.sourceId)!;
      if (source.kind === 'illustrative') expect(t.confidence).toBeLessThanOrEqual(0.3);
      if (t.segmentId) {
        expect(firmById.get(t.from)!.segments.some((s) => s.segmentId === t.segmentId), `${t.from}→${t.to}`).toBe(true);
      }
    }
  });

  it('has a sample pipeline: ≥ 10 illustrative projects covering every status, some signed in 2025/2026', () => {
    expect(seeds.projects.length).toBeGreaterThanOrEqual(10);
    expect(new Set(seeds.projects.map((p) => p.status))).toEqual(new Set(projectStatuses));
    const signed = seeds.projects.filter((p) => p.signedOn && /^202[56]-/.test(p.signedOn) && p.investmentYi);
    expect(signed.length).toBeGreaterThanOrEqual(3);
    for (const p of seeds.projects) {
      expect(p.illustrative, p.id).toBe(true);
      // a made-up project never names a real firm as negotiating with the district
      expect(firmById.get(p.firmId)!.illustrative, p.id).toBe(true);
      if (['signed', 'landed', 'operating'].includes(p.status)) expect(p.signedOn, p.id).toBeDefined();
    }
  });
});
