// chainMap → Cytoscape elements: classes the stylesheet keys on, sizes by
// criticality, stage partitions, stub sides, what-if overrides, language.
import { describe, expect, it } from 'vitest';
import { PARTITION, STUBS_PER_COLUMN, placements, readingOrder, segmentSize, toElements } from '../../web/src/map/elements.js';
import type { ChainMap } from '../../web/src/api/queries.js';
import { clusterNames, smallMap } from './fixtures.js';

const byId = (m: ReturnType<typeof toElements>, id: string) => [...m.nodes, ...m.edges].find((e) => e.data.id === id)!;

describe('toElements', () => {
  const zh = toElements(smallMap, { lang: 'zh', clusterNames });

  it('maps every node and edge once', () => {
    expect(zh.nodes).toHaveLength(smallMap.nodes.length);
    expect(zh.edges).toHaveLength(smallMap.edges.length);
    expect(new Set([...zh.nodes, ...zh.edges].map((e) => e.data.id)).size).toBe(smallMap.nodes.length + smallMap.edges.length);
  });

  it('gives segments their status class, stubs and firms their kind', () => {
    expect(byId(zh, 'equip').classes.split(' ')).toEqual(expect.arrayContaining(['segment', 'status-MISSING']));
    expect(byId(zh, 'mid').classes).toContain('status-WEAK');
    expect(byId(zh, 'x.in').classes.split(' ')).toContain('neighbor');
    expect(byId(zh, 'firm:f1').classes.split(' ')).toEqual(['firm', 'anchor', 'labelled']);
  });

  it('marks anchors (链主) with a star and weak links with their class', () => {
    expect(byId(zh, 'up').data).toMatchObject({ label: '★ 环节up', anchor: true });
    expect(byId(zh, 'up').classes).toContain('anchor');
    expect(byId(zh, 'feeds:equip>mid').classes).toBe('feeds weak-link');
    expect(byId(zh, 'feeds:up>mid').classes).toBe('feeds');
    expect(byId(zh, 'operates:f1>up').classes).toBe('operates');
  });

  it('sizes segment boxes by criticality', () => {
    const w = (id: string) => (byId(zh, id).data as { w: number }).w;
    expect(w('up')).toBeGreaterThan(w('mid'));
    expect(w('mid')).toBeGreaterThan(w('down'));
    expect(segmentSize(0)).toEqual(segmentSize(-1));
    expect(segmentSize(1)).toEqual(segmentSize(5));
  });

  it('sizes boxes for the label in the page language: a long name widens its box', () => {
    const long = structuredClone(smallMap);
    const down = long.nodes.find((n) => n.data.id === 'down')!.data;
    down.labelEn = 'Marketing-authorisation holders (MAH) & commercialisation services';
    const tenPx = (text: string) => [...text].length * 10;
    const zhModel = toElements(long, { lang: 'zh', clusterNames, measure: tenPx });
    const enModel = toElements(long, { lang: 'en', clusterNames, measure: tenPx });
    const size = (m: ReturnType<typeof toElements>, id: string) => {
      const d = byId(m, id).data as { w: number; h: number; tw: number };
      return { w: d.w, h: d.h, tw: d.tw };
    };
    // '环节down' (6 characters, 60 px) fits the least box of criticality 0.1 (118 × 42).
    expect(size(zhModel, 'down')).toMatchObject({ w: 118, h: 42 });
    // 'Marketing-authorisation' alone is 230 px at 10 px a character: the box is that plus 2 × 10 px padding.
    expect(size(enModel, 'down').w).toBeGreaterThanOrEqual(230 + 20);
    // Stub '→ Cluster Y\nSegment y.out' in the least stub box (116 wide, text 100): '→ Cluster ' / 'Y' /
    // 'Segment ' / 'y.out', four lines of 11 px at line-height 1.2 = 44 + 3 × 2.2 = 50.6, + 2 × 5 padding → 61.
    expect(size(enModel, 'y.out')).toEqual({ w: 116, h: 61, tw: 100 });
    // '集群Y →' / '环节y.out': two lines → 11 × 2 + 2.2 + 10 = 34.2 → 35.
    expect(size(zhModel, 'y.out')).toEqual({ w: 116, h: 35, tw: 100 });
  });

  it('labels stubs with the other cluster and the direction of flow, in the page language', () => {
    expect(byId(zh, 'x.in').data).toMatchObject({ label: '集群X →\n环节x.in' });
    expect(byId(zh, 'y.out').data).toMatchObject({ label: '→ 集群Y\n环节y.out' });
    const en = toElements(smallMap, { lang: 'en', clusterNames });
    expect(byId(en, 'y.out').data).toMatchObject({ label: '→ Cluster Y\nSegment y.out' });
    expect(byId(en, 'mid').data).toMatchObject({ label: 'Segment mid', name: 'Segment mid' });
    expect(byId(en, 'mid').classes).toContain('en');
    expect(byId(en, 'firm:f1').data).toMatchObject({ label: '★ Sample Co.', hostId: 'up' });
  });

  it('applies what-if statuses, weak links and the changed ring', () => {
    const w = toElements(smallMap, {
      lang: 'zh',
      clusterNames,
      statusOverride: new Map([['equip', 'WEAK']]),
      weakLinkOverride: new Set(['mat>mid']),
      changed: new Set(['equip']),
    });
    expect(byId(w, 'equip').classes.split(' ')).toEqual(expect.arrayContaining(['status-WEAK', 'changed']));
    expect(byId(w, 'equip').data).toMatchObject({ status: 'WEAK' });
    expect(byId(w, 'feeds:equip>mid').classes).toBe('feeds');
    expect(byId(w, 'feeds:mat>mid').classes).toBe('feeds weak-link');
  });
});

describe('stage partitions', () => {
  const p = placements(smallMap);

  it('orders the main row 上游 → 中游 → 下游 left to right with stubs outside', () => {
    expect(PARTITION.inflowStub).toBeLessThan(PARTITION.UPSTREAM);
    expect(PARTITION.UPSTREAM).toBeLessThan(PARTITION.MIDSTREAM);
    expect(PARTITION.MIDSTREAM).toBeLessThan(PARTITION.DOWNSTREAM);
    expect(PARTITION.DOWNSTREAM).toBeLessThan(PARTITION.outflowStub);
    expect(p.get('up')).toEqual({ row: 'main', partition: PARTITION.UPSTREAM });
    expect(p.get('mid')).toEqual({ row: 'main', partition: PARTITION.MIDSTREAM });
    expect(p.get('down')).toEqual({ row: 'main', partition: PARTITION.DOWNSTREAM });
    expect(p.get('x.in')).toEqual({ row: 'main', partition: PARTITION.inflowStub });
    expect(p.get('y.out')).toEqual({ row: 'main', partition: PARTITION.outflowStub });
  });

  it('puts 支撑 beneath, with stubs linked only to support', () => {
    expect(p.get('equip')).toEqual({ row: 'support', side: 'own' });
    expect(p.get('mat')).toEqual({ row: 'support', side: 'own' });
    expect(p.get('z.mat')).toEqual({ row: 'support', side: 'in' });
  });

  it('splits a long stub column in two', () => {
    const many: ChainMap = {
      ...smallMap,
      nodes: [...smallMap.nodes, ...Array.from({ length: STUBS_PER_COLUMN + 2 }, (_, i) => ({ data: { ...smallMap.nodes[6]!.data, id: `o${i}` } }))],
      edges: [...smallMap.edges, ...Array.from({ length: STUBS_PER_COLUMN + 2 }, (_, i) => ({ data: { ...smallMap.edges[0]!.data, id: `e${i}`, source: 'down', target: `o${i}` } }))],
    };
    const cols = [...placements(many).values()].filter((x) => x.row === 'main' && x.partition >= PARTITION.outflowStub).map((x) => (x.row === 'main' ? x.partition : -1));
    expect(new Set(cols)).toEqual(new Set([PARTITION.outflowStub, PARTITION.outflowStub + 1]));
    expect(Math.max(cols.filter((c) => c === PARTITION.outflowStub).length, cols.filter((c) => c !== PARTITION.outflowStub).length)).toBeLessThanOrEqual(Math.ceil(cols.length / 2));
  });

  it('reads segments in stage order for keyboard navigation', () => {
    const order = readingOrder(toElements(smallMap, { lang: 'zh', clusterNames }).nodes).map((d) => d.id);
    expect(order.indexOf('up')).toBeLessThan(order.indexOf('mid'));
    expect(order.indexOf('mid')).toBeLessThan(order.indexOf('down'));
    expect(order.indexOf('down')).toBeLessThan(order.indexOf('equip'));
    expect(order).not.toContain('firm:f1');
  });
});
