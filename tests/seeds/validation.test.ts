// The seed loader rejects broken seeds with a message naming the file and the
// record. Each test starts from a small valid seed set held in memory, breaks
// one thing, and checks the issue the loader reports for it.
import { describe, expect, it } from 'vitest';
import { parseSeedFiles, SeedValidationError, type SeedIssue } from '../../server/domain/seeds.js';
import { isValidUscc, usccCheckCharacter } from '../../server/domain/uscc.js';

type Files = Record<string, string>;

const BASE: Files = {
  'sources.yaml': `
sources:
  - {id: src, kind: compiled, titleZh: 公开资料整理}
  - {id: demo, kind: illustrative, titleZh: 示例数据}
`,
  'regions.yaml': `
regions:
  - {id: cn, nameZh: 中国, nameEn: China, level: country}
  - {id: cn-js, nameZh: 江苏省, nameEn: Jiangsu, level: province, parentId: cn, yrd: true}
  - {id: cn-js-wx, nameZh: 无锡市, nameEn: Wuxi, level: city, parentId: cn-js, yrd: true}
  - {id: cn-js-wx-xinwu, nameZh: 新吴区, nameEn: Xinwu, level: district, parentId: cn-js-wx, yrd: true}
  - {id: jp, nameZh: 日本, nameEn: Japan, level: country}
`,
  'clusters/ic.yaml': `
defaults: {sourceId: src, confidence: 0.6}
cluster: {id: ic, nameZh: 集成电路, nameEn: Integrated Circuits, tier: international}
segments:
  - {id: ic.design, nameZh: 芯片设计, nameEn: Design, stage: upstream}
  - {id: ic.fab, nameZh: 晶圆制造, nameEn: Fab, stage: midstream}
  - {id: ic.pkg, nameZh: 封装测试, nameEn: Packaging, stage: downstream}
feeds:
  - {from: ic.design, to: ic.fab, weight: 0.2}
  - {from: ic.fab, to: ic.pkg, weight: 0.5}
  - {from: ic.pkg, to: iot.module, weight: 0.3}
firms:
  - {id: firm:fab, nameZh: 某晶圆厂, regionId: cn-js-wx-xinwu, ownership: foreign, originId: jp, segments: [{segmentId: ic.fab, primary: true}]}
  - {id: firm:design, nameZh: 某设计公司, regionId: jp, ownership: foreign, originId: jp, segments: [{segmentId: ic.design, primary: true}]}
  - {id: firm:demo, nameZh: 示例·某封测厂, regionId: cn-js-wx-xinwu, ownership: private, originId: cn, segments: [{segmentId: ic.pkg, primary: true}], illustrative: true, sourceId: demo, confidence: 0.2}
anchors:
  - {firmId: firm:fab}
supplies:
  - {from: firm:design, to: firm:fab, segmentId: ic.design}
  - {from: firm:demo, to: firm:fab, segmentId: ic.pkg, sourceId: demo, confidence: 0.2}
projects:
  - {id: proj:one, nameZh: 示例项目, firmId: firm:demo, segmentIds: [ic.pkg], status: lead, illustrative: true, sourceId: demo, confidence: 0.2}
`,
  'clusters/iot.yaml': `
defaults: {sourceId: src, confidence: 0.6}
cluster: {id: iot, nameZh: 物联网, nameEn: IoT, tier: international}
segments:
  - {id: iot.module, nameZh: 通信模组, nameEn: Modules, stage: midstream}
  - {id: iot.terminal, nameZh: 智能终端, nameEn: Terminals, stage: midstream}
feeds:
  - {from: iot.module, to: iot.terminal, weight: 0.3}
`,
};

const toFiles = (files: Files) => Object.entries(files).map(([path, text]) => ({ path, text }));

/** The issues the loader reports for `files`, or [] when it accepts them. */
function issuesOf(files: Files): SeedIssue[] {
  try {
    parseSeedFiles(toFiles(files));
    return [];
  } catch (e) {
    if (e instanceof SeedValidationError) return e.issues;
    throw e;
  }
}

/** BASE with `text` appended to one file (lists continue when the file ends in that list). */
function withAppended(path: string, text: string): Files {
  return { ...BASE, [path]: BASE[path]! + text };
}

/** BASE with one exact substring replaced in one file. */
function withReplaced(path: string, from: string, to: string): Files {
  const text = BASE[path]!;
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${path}`);
  return { ...BASE, [path]: text.replace(from, to) };
}

function expectIssue(files: Files, file: string, record: string, message: RegExp | string): void {
  const issues = issuesOf(files);
  expect(issues).toContainEqual({ file, record, message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) });
  // and the thrown error's text says where, for a human reading a log
  expect(() => parseSeedFiles(toFiles(files))).toThrow(`${file} › ${record}`);
}

describe('seed loader: the valid base', () => {
  it('accepts the base seed set and applies file defaults', () => {
    const b = parseSeedFiles(toFiles(BASE));
    expect(b.clusters.map((c) => c.id)).toEqual(['ic', 'iot']);
    expect(b.segments).toHaveLength(5);
    expect(b.feeds).toHaveLength(4);
    expect(b.firms.find((f) => f.id === 'firm:fab')).toMatchObject({ sourceId: 'src', confidence: 0.6, listed: false, tags: [] });
    expect(b.firms.find((f) => f.id === 'firm:demo')).toMatchObject({ sourceId: 'demo', confidence: 0.2 });
    expect(b.anchors).toEqual([{ firmId: 'firm:fab', clusterId: 'ic', sourceId: 'src', confidence: 0.6 }]);
    expect(b.segments.find((s) => s.id === 'iot.module')!.clusterId).toBe('iot');
  });

  it('reads cluster files under clusters/ whichever path separator the OS uses', () => {
    const files = toFiles(BASE).map((f) => ({ ...f, path: f.path.replace('/', '\\') }));
    expect(parseSeedFiles(files).clusters).toHaveLength(2);
  });
});

describe('seed loader: fields it does not know', () => {
  it('names an unquoted comma inside { } (the value is cut there and the rest becomes a field)', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', 'nameEn: Design,', 'nameEn: Design (EDA, IP),'),
      'clusters/ic.yaml',
      'ic.design',
      'unknown field(s): "IP)"',
    );
  });

  it('names a misspelt field instead of dropping it', () => {
    expectIssue(withReplaced('clusters/ic.yaml', 'regionId: jp,', 'regionId: jp, listd: true,'), 'clusters/ic.yaml', 'firm:design', '"listd"');
  });

  it('accepts the same value quoted', () => {
    const b = parseSeedFiles(toFiles(withReplaced('clusters/ic.yaml', 'nameEn: Design,', 'nameEn: "Design (EDA, IP)",')));
    expect(b.segments.find((s) => s.id === 'ic.design')!.nameEn).toBe('Design (EDA, IP)');
  });
});

describe('seed loader: unknown references', () => {
  it('names an unknown segment of a firm', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', '[{segmentId: ic.design, primary: true}]', '[{segmentId: ic.nope, primary: true}]'),
      'clusters/ic.yaml',
      'firm:design',
      'unknown segment "ic.nope"',
    );
  });

  it('names a firm that lists the same segment twice (it would count twice in the segment totals)', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', '[{segmentId: ic.design, primary: true}]', '[{segmentId: ic.design, primary: true}, {segmentId: ic.design}]'),
      'clusters/ic.yaml',
      'firm:design',
      /each segment at most once per firm/,
    );
  });

  it('names an unknown FEEDS endpoint', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', 'to: iot.module', 'to: iot.nowhere'),
      'clusters/ic.yaml',
      'feeds[2] ic.pkg→iot.nowhere',
      'unknown segment "iot.nowhere" (feeds.to)',
    );
  });

  it('names an unknown region and an unknown origin country of a firm', () => {
    const files = withReplaced('clusters/ic.yaml', 'regionId: jp, ownership: foreign, originId: jp', 'regionId: cn-nowhere, ownership: foreign, originId: xx');
    expectIssue(files, 'clusters/ic.yaml', 'firm:design', 'unknown region "cn-nowhere"');
    expectIssue(files, 'clusters/ic.yaml', 'firm:design', 'unknown origin country "xx"');
  });

  it('names an unknown parent region', () => {
    expectIssue(
      withAppended('regions.yaml', '  - {id: cn-sh, nameZh: 上海市, nameEn: Shanghai, level: city, parentId: cn-nope}\n'),
      'regions.yaml',
      'cn-sh',
      'unknown parent region "cn-nope"',
    );
  });

  it('names an unknown cluster of an anchor', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', '  - {firmId: firm:fab}', '  - {firmId: firm:fab, clusterId: quantum}'),
      'clusters/ic.yaml',
      'anchors[0] firm:fab',
      'unknown cluster "quantum" (anchor)',
    );
  });

  it('names an unknown firm in an anchor, in a supply tie and in a project', () => {
    const files = withReplaced(
      'clusters/ic.yaml',
      '  - {firmId: firm:fab}',
      '  - {firmId: firm:ghost}',
    );
    expectIssue(files, 'clusters/ic.yaml', 'anchors[0] firm:ghost', 'unknown firm "firm:ghost" (anchor)');
    expectIssue(
      withReplaced('clusters/ic.yaml', '{from: firm:design, to: firm:fab', '{from: firm:design, to: firm:ghost'),
      'clusters/ic.yaml',
      'supplies[0] firm:design→firm:ghost',
      'unknown firm "firm:ghost" (supplies.to)',
    );
    expectIssue(
      withReplaced('clusters/ic.yaml', '{from: firm:design, to: firm:fab', '{from: firm:phantom, to: firm:fab'),
      'clusters/ic.yaml',
      'supplies[0] firm:phantom→firm:fab',
      'unknown firm "firm:phantom" (supplies.from)',
    );
    expectIssue(withReplaced('clusters/ic.yaml', 'firmId: firm:demo,', 'firmId: firm:ghost,'), 'clusters/ic.yaml', 'proj:one', 'unknown firm "firm:ghost" (project)');
  });

  it('names an unknown source', () => {
    expectIssue(
      withReplaced('clusters/iot.yaml', 'defaults: {sourceId: src, confidence: 0.6}', 'defaults: {sourceId: nowhere, confidence: 0.6}'),
      'clusters/iot.yaml',
      'iot.module',
      'unknown source "nowhere"',
    );
  });
});

describe('seed loader: duplicate ids', () => {
  it('names a firm id repeated in the same file', () => {
    const again = '  - {id: firm:fab, nameZh: 重复, regionId: jp, ownership: foreign, originId: jp, segments: [{segmentId: ic.fab, primary: true}]}\n';
    const files = withReplaced('clusters/ic.yaml', 'anchors:', `${again}anchors:`);
    const issues = issuesOf(files).filter((i) => i.message.includes('duplicate firm id "firm:fab"'));
    expect(issues).toHaveLength(1); // the second one, pointing at the first
    expect(issues[0]).toEqual({ file: 'clusters/ic.yaml', record: 'firm:fab', message: expect.stringContaining('first in clusters/ic.yaml') });
  });

  it('names a segment id repeated in another file', () => {
    expectIssue(
      withReplaced('clusters/iot.yaml', '  - {id: iot.terminal,', '  - {id: ic.fab, nameZh: 重复, nameEn: Dup, stage: midstream}\n  - {id: iot.terminal,'),
      'clusters/iot.yaml',
      'ic.fab',
      /duplicate segment id "ic\.fab" \(first in clusters\/ic\.yaml\)/,
    );
  });

  it('names a region and a source repeated across files', () => {
    const files = {
      ...BASE,
      'more.yaml': 'regions:\n  - {id: jp, nameZh: 日本, nameEn: Japan, level: country}\nsources:\n  - {id: src, kind: news, titleZh: 新闻}\n',
    };
    expectIssue(files, 'more.yaml', 'jp', 'duplicate region id "jp" (first in regions.yaml)');
    expectIssue(files, 'more.yaml', 'src', 'duplicate source id "src" (first in sources.yaml)');
  });

  it('names a repeated cluster, feed, anchor and supply tie', () => {
    expectIssue({ ...BASE, 'clusters/ic2.yaml': BASE['clusters/ic.yaml']!.replace(/firm:/g, 'firm2:').replace(/proj:/g, 'proj2:') }, 'clusters/ic2.yaml', 'ic', 'duplicate cluster id "ic"');
    expectIssue(withAppended('clusters/iot.yaml', '  - {from: iot.module, to: iot.terminal, weight: 0.1}\n'), 'clusters/iot.yaml', 'feeds[1] iot.module→iot.terminal', 'duplicate feed');
    expectIssue(withReplaced('clusters/ic.yaml', '  - {firmId: firm:fab}', '  - {firmId: firm:fab}\n  - {firmId: firm:fab}'), 'clusters/ic.yaml', 'anchors[1] firm:fab', 'duplicate anchor');
    expectIssue(
      withReplaced('clusters/ic.yaml', 'supplies:\n', 'supplies:\n  - {from: firm:design, to: firm:fab, segmentId: ic.design}\n'),
      'clusters/ic.yaml',
      'supplies[1] firm:design→firm:fab',
      'duplicate supply tie',
    );
  });
});

describe('seed loader: 统一社会信用代码 (USCC)', () => {
  const first17 = '91320214MA1N2P3Q4';
  const check = usccCheckCharacter(first17)!;
  const good = first17 + check;
  const flipped = first17 + (check === 'A' ? 'B' : 'A');
  const firmWith = (uscc: string) =>
    withReplaced('clusters/ic.yaml', '{id: firm:design, nameZh: 某设计公司,', `{id: firm:design, uscc: '${uscc}', nameZh: 某设计公司,`);

  it('accepts a firm with a valid code', () => {
    expect(issuesOf(firmWith(good))).toEqual([]);
  });

  it('names a firm whose code has a bad check character', () => {
    expectIssue(firmWith(flipped), 'clusters/ic.yaml', 'firm:design', /uscc: malformed 统一社会信用代码/);
  });

  it('names a firm whose code has the wrong length', () => {
    expectIssue(firmWith(good.slice(0, 17)), 'clusters/ic.yaml', 'firm:design', /uscc: malformed/);
    expectIssue(firmWith(good + '0'), 'clusters/ic.yaml', 'firm:design', /uscc: malformed/);
  });

  it('names two firms sharing one code', () => {
    const files = withReplaced(
      'clusters/ic.yaml',
      '{id: firm:fab, nameZh: 某晶圆厂,',
      `{id: firm:fab, uscc: '${good}', nameZh: 某晶圆厂,`,
    );
    const both = { ...files, 'clusters/ic.yaml': files['clusters/ic.yaml']!.replace('{id: firm:design, nameZh: 某设计公司,', `{id: firm:design, uscc: '${good}', nameZh: 某设计公司,`) };
    expectIssue(both, 'clusters/ic.yaml', 'firm:design', `duplicate USCC ${good} (also firm firm:fab)`);
  });
});

describe('isValidUscc / usccCheckCharacter (GB 32100-2015)', () => {
  // Characters map to 0–30 over "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I O S V Z);
  // weights of positions 1–17 are 3^(i-1) mod 31:
  //   1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
  // check = (31 − Σ value·weight mod 31) mod 31.

  it('computes a hand-checked all-digit code: 91320214000000001N', () => {
    // 9·1 + 1·3 + 3·9 + 2·27 + 0·19 + 2·26 + 1·16 + 4·17 + 0·(20+29+25+13+8+24+10+30) + 1·28
    //   = 9 + 3 + 27 + 54 + 0 + 52 + 16 + 68 + 0 + 28 = 257
    // 257 mod 31 = 9 (31·8 = 248); 31 − 9 = 22 → the 23rd character, N
    expect(usccCheckCharacter('91320214000000001')).toBe('N');
    expect(isValidUscc('91320214000000001N')).toBe(true);
  });

  it('computes a hand-checked code with letters: 91320214MA1N2P3Q4H', () => {
    // M=21 A=10 N=22 P=23 Q=24
    // 9·1 + 1·3 + 3·9 + 2·27 + 0·19 + 2·26 + 1·16 + 4·17          = 229
    // + M 21·20 + A 10·29 + 1·25 + N 22·13 + 2·8 + P 23·24 + 3·10 + Q 24·30 + 4·28
    //   = 420 + 290 + 25 + 286 + 16 + 552 + 30 + 720 + 112        = 2451
    // Σ = 2680; 2680 mod 31 = 14 (31·86 = 2666); 31 − 14 = 17 → H
    expect(usccCheckCharacter('91320214MA1N2P3Q4')).toBe('H');
    expect(isValidUscc('91320214MA1N2P3Q4H')).toBe(true);
  });

  it('maps a sum divisible by 31 to check character 0', () => {
    // as the first code with last digit 4: 229 + 4·28 = 341 = 31·11
    expect(usccCheckCharacter('91320214000000004')).toBe('0');
    expect(isValidUscc('913202140000000040')).toBe(true);
  });

  it('rejects a wrong check character, a wrong length, letters outside the charset and lower case', () => {
    expect(isValidUscc('91320214000000001M')).toBe(false);
    expect(isValidUscc('91320214MA1N2P3Q4J')).toBe(false);
    expect(isValidUscc('91320214000000001')).toBe(false);
    expect(isValidUscc('91320214000000001N0')).toBe(false);
    expect(isValidUscc('')).toBe(false);
    expect(isValidUscc('9132021400000000IN')).toBe(false); // I is not in the charset
    expect(isValidUscc('91320214MA1N2P3O4H')).toBe(false); // O is not either
    expect(isValidUscc('91320214ma1n2p3q4h')).toBe(false);
    expect(isValidUscc('913202A4000000001N')).toBe(false); // administrative division must be digits
    expect(usccCheckCharacter('9132021400000000')).toBeNull();
    expect(usccCheckCharacter('9132021400000000Z')).toBeNull();
  });

  it('gives the same answer as the rule written as a regular expression plus usccCheckCharacter, code by code', () => {
    // The rule as first written (the oracle): charset, digits at positions 3–8, check character.
    const byRule = (code: string) =>
      /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code) && usccCheckCharacter(code.slice(0, 17)) === code[17];
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    // Characters a spreadsheet cell may hold instead: letters outside the set, lower case,
    // full-width digits, punctuation, a character above ASCII that maps onto an ASCII one if truncated.
    const others = 'IOSVZaiz-. \uff11\u0130\u4e00\u0031';
    // mulberry32, a small deterministic generator
    let seed = 20240601;
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const valid = (first17: string) => first17 + usccCheckCharacter(first17)!;
    const codes: string[] = ['', '9', '9'.repeat(17), '9'.repeat(19)];
    for (let k = 0; k < 3000; k++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) first17 += i >= 2 && i < 8 ? String(next(10)) : charset[next(31)];
      const code = valid(first17);
      codes.push(code);
      // One character replaced, at any position: by one of the set, a letter instead of a digit, or an outsider;
      // as it is, and with the check character computed again for it (when there is one).
      const i = next(18);
      for (const c of [charset[next(31)]!, charset[10 + next(21)]!, others[next(others.length)]!]) {
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        codes.push(changed);
        if (usccCheckCharacter(changed.slice(0, 17))) codes.push(valid(changed.slice(0, 17)));
      }
      codes.push(code.slice(0, 17), code + charset[next(31)], code.toLowerCase(), ` ${code.slice(1)}`);
    }
    const agree = codes.filter((c) => isValidUscc(c) === byRule(c)).length;
    expect(agree).toBe(codes.length);
    // Both answers occur often enough for the comparison to mean something.
    const validCount = codes.filter(byRule).length;
    expect(validCount).toBeGreaterThan(3000);
    expect(codes.length - validCount).toBeGreaterThan(9000);
  });
});

describe('seed loader: schema errors', () => {
  it('names a segment with an unknown stage', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', 'nameEn: Packaging, stage: downstream', 'nameEn: Packaging, stage: sideways'),
      'clusters/ic.yaml',
      'ic.pkg',
      /^stage: /,
    );
  });

  it('names a record that is not a mapping, and a missing required field', () => {
    expectIssue(withAppended('regions.yaml', '  - just-a-string\n'), 'regions.yaml', 'regions[5]', 'record must be a mapping');
    expectIssue(
      withReplaced('clusters/ic.yaml', '{id: firm:design, nameZh: 某设计公司, regionId: jp,', '{id: firm:design, nameZh: 某设计公司,'),
      'clusters/ic.yaml',
      'firm:design',
      /^regionId: /,
    );
  });

  it('names an unknown list in a list file and an unknown key in a cluster file', () => {
    expectIssue(withAppended('regions.yaml', 'cities:\n  - {id: x}\n'), 'regions.yaml', 'cities', 'unknown list "cities"');
    expectIssue(withAppended('clusters/iot.yaml', 'segmnets: []\n'), 'clusters/iot.yaml', '(file)', 'segmnets');
  });

  it('names a file with a YAML syntax error, and still checks the other files', () => {
    const files = { ...withReplaced('clusters/iot.yaml', 'segments:\n', 'segments:\n  - {id: iot.broken, nameZh: [unclosed\n'), 'broken.yaml': 'regions: [\n' };
    const issues = issuesOf(files);
    expect(issues).toContainEqual({ file: 'clusters/iot.yaml', record: '(file)', message: expect.stringContaining('YAML syntax error') });
    expect(issues).toContainEqual({ file: 'broken.yaml', record: '(file)', message: expect.stringContaining('YAML syntax error') });
  });

  it('names a mapping with a repeated key as a YAML error', () => {
    expectIssue(withAppended('clusters/iot.yaml', 'feeds: []\n'), 'clusters/iot.yaml', '(file)', 'YAML syntax error');
  });
});

describe('seed loader: graph rules', () => {
  it('names a segment that feeds itself', () => {
    expectIssue(withAppended('clusters/iot.yaml', '  - {from: iot.terminal, to: iot.terminal, weight: 0.1}\n'), 'clusters/iot.yaml', 'feeds[1] iot.terminal→iot.terminal', 'a segment cannot feed itself');
  });

  it('names a feed written in another cluster’s file', () => {
    expectIssue(
      withAppended('clusters/iot.yaml', '  - {from: ic.design, to: iot.module, weight: 0.1}\n'),
      'clusters/iot.yaml',
      'feeds[1] ic.design→iot.module',
      'belongs in the file of cluster ic',
    );
  });

  it('names a feed weight outside (0, 1]', () => {
    expectIssue(withAppended('clusters/iot.yaml', '  - {from: iot.terminal, to: iot.module, weight: 1.5}\n'), 'clusters/iot.yaml', 'feeds[1] iot.terminal→iot.module', /^weight: /);
  });

  it('names a segment whose PART_OF parent is missing, in another cluster, or loops', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', 'nameEn: Packaging, stage: downstream}', 'nameEn: Packaging, stage: downstream, parentId: ic.none}'),
      'clusters/ic.yaml',
      'ic.pkg',
      'unknown parent segment "ic.none"',
    );
    expectIssue(
      withReplaced('clusters/ic.yaml', 'nameEn: Packaging, stage: downstream}', 'nameEn: Packaging, stage: downstream, parentId: iot.module}'),
      'clusters/ic.yaml',
      'ic.pkg',
      'belongs to cluster iot',
    );
    const loop = withReplaced(
      'clusters/ic.yaml',
      'nameEn: Fab, stage: midstream}',
      'nameEn: Fab, stage: midstream, parentId: ic.pkg}',
    );
    const looped = { ...loop, 'clusters/ic.yaml': loop['clusters/ic.yaml']!.replace('nameEn: Packaging, stage: downstream}', 'nameEn: Packaging, stage: downstream, parentId: ic.fab}') };
    expectIssue(looped, 'clusters/ic.yaml', 'ic.fab', 'loops back');
    expectIssue(looped, 'clusters/ic.yaml', 'ic.pkg', 'loops back');
  });

  it('names a region placed under a region of the same or a lower level', () => {
    expectIssue(
      withAppended('regions.yaml', '  - {id: cn-js-wx-xinwu-x, nameZh: 某街道, nameEn: Some Street, level: city, parentId: cn-js-wx-xinwu}\n'),
      'regions.yaml',
      'cn-js-wx-xinwu-x',
      'region of level city cannot sit under cn-js-wx-xinwu of level district',
    );
  });

  it('names a segment record whose clusterId contradicts its file', () => {
    expectIssue(
      withReplaced('clusters/iot.yaml', '{id: iot.terminal, nameZh: 智能终端,', '{id: iot.terminal, clusterId: ic, nameZh: 智能终端,'),
      'clusters/iot.yaml',
      'iot.terminal',
      "differs from the file's cluster iot",
    );
  });

  it('names a firm written in another cluster’s file than its primary segment’s', () => {
    expectIssue(
      withReplaced('clusters/iot.yaml', 'feeds:', 'firms:\n  - {id: firm:misplaced, nameZh: 某厂, regionId: jp, ownership: foreign, originId: jp, segments: [{segmentId: ic.fab, primary: true}, {segmentId: iot.module}]}\nfeeds:'),
      'clusters/iot.yaml',
      'firm:misplaced',
      'belongs in the file of cluster ic, not iot',
    );
  });

  it('names a firm with two primary segments', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', '[{segmentId: ic.fab, primary: true}]}', '[{segmentId: ic.fab, primary: true}, {segmentId: ic.pkg, primary: true}]}'),
      'clusters/ic.yaml',
      'firm:fab',
      'more than one primary segment',
    );
  });

  it('keeps made-up firms and the illustrative source together', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', 'illustrative: true, sourceId: demo, confidence: 0.2}\n', 'illustrative: true, sourceId: src, confidence: 0.2}\n'),
      'clusters/ic.yaml',
      'firm:demo',
      'cite an illustrative source',
    );
    expectIssue(
      withReplaced('clusters/ic.yaml', "segments: [{segmentId: ic.design, primary: true}]}", "segments: [{segmentId: ic.design, primary: true}], sourceId: demo}"),
      'clusters/ic.yaml',
      'firm:design',
      'not marked illustrative',
    );
  });

  it('names a supply tie about a segment the supplier is not in, and a firm supplying itself', () => {
    expectIssue(
      withReplaced('clusters/ic.yaml', '{from: firm:design, to: firm:fab, segmentId: ic.design}', '{from: firm:design, to: firm:fab, segmentId: ic.pkg}'),
      'clusters/ic.yaml',
      'supplies[0] firm:design→firm:fab',
      'does not operate in segment "ic.pkg"',
    );
    expectIssue(
      withReplaced('clusters/ic.yaml', '{from: firm:design, to: firm:fab, segmentId: ic.design}', '{from: firm:fab, to: firm:fab}'),
      'clusters/ic.yaml',
      'supplies[0] firm:fab→firm:fab',
      'cannot supply itself',
    );
  });

  it('reports every issue at once, not only the first', () => {
    const files = withReplaced('clusters/ic.yaml', 'regionId: jp, ownership: foreign, originId: jp', 'regionId: cn-nowhere, ownership: foreign, originId: jp');
    const broken = { ...files, 'clusters/iot.yaml': files['clusters/iot.yaml']!.replace('stage: midstream}', 'stage: later}') };
    const issues = issuesOf(broken);
    expect(issues.map((i) => `${i.file} ${i.record}`)).toEqual(expect.arrayContaining(['clusters/ic.yaml firm:design', 'clusters/iot.yaml iot.module']));
  });
});
