// GraphIndex keeps the gap finder's aggregates up to date on every write
// (counts per segment, per segment × region, per segment pair, firm–segment
// pairs) and caches read-side views (city-level counts, each region's firms in
// id order and the ties they buy, the sorted region list) until a write
// changes them. The bug class
// this guards against: an aggregate or a cache that drifts from the records
// after some sequence of puts, re-puts with other segments or regions,
// removals and region-tree changes. So: a long seeded random sequence of
// writes with reads in between (to fill the caches), and after every few steps
// every aggregate is recounted from the records by the naive definitions below,
// and the gap finder's input is compared with one built from scratch.
import { describe, expect, it } from 'vitest';
import type { Anchor, Cluster, Feed, Firm, Region, Segment, SupplyTie } from '../../server/domain/model.js';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { localFirmOf } from '../../server/analysis/input.js';
import { buildAnalysisInput, buildSegmentRegionCounts } from '../../server/analysis/buildInput.js';
import { feed, firm, region, seg } from './fixtures.js';

/** mulberry32: small, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const prov = { sourceId: 'test', confidence: 1 };

const startRegions: Region[] = [
  region('cn', 'country'),
  region('jp', 'country'),
  region('p1', 'province', 'cn'),
  region('p2', 'province', 'cn'),
  region('c1', 'city', 'p1'),
  region('c2', 'city', 'p1'),
  region('c3', 'city', 'p2'),
  region('d1', 'district', 'c1'),
  region('d2', 'district', 'c1'),
  region('d3', 'district', 'c2'),
  region('d4', 'district', 'c3'),
  // A park below a district: its firms count for c1 and are local to d1.
  region('d1-park', 'district', 'd1'),
];
/** Firms may sit in regions that are only added (or moved) later. */
const lateRegions = ['late1', 'late2'];
const clusters: Cluster[] = [
  { id: 'k1', nameZh: '集群一', nameEn: 'Cluster 1', tier: 'national', ...prov },
  { id: 'k2', nameZh: '集群二', nameEn: 'Cluster 2', tier: 'national', ...prov },
];
const segments: Segment[] = [
  seg('k1.a', 'k1', 'upstream'),
  seg('k1.b', 'k1', 'midstream'),
  seg('k1.c', 'k1', 'downstream'),
  seg('k2.a', 'k2', 'upstream'),
  seg('k2.b', 'k2', 'midstream'),
  seg('k2.c', 'k2', 'downstream'),
  // A segment of no cluster's FEEDS: never in scope, still counted.
  seg('k2.z', 'k2', 'support'),
];
const feeds: Feed[] = [feed('k1.a', 'k1.b', 0.6), feed('k1.b', 'k1.c', 1), feed('k2.a', 'k1.b', 0.4), feed('k1.c', 'k2.b', 0.5), feed('k2.b', 'k2.c', 1)];
const segIds = segments.map((s) => s.id);

// ------------------------------------------------------------ naive recounts

function parentOf(regions: Map<string, Region>, id: string): string | undefined {
  return regions.get(id)?.parentId;
}

/** Nearest ancestor-or-self at level city; stops (and stands for itself) at a province, a country or an unknown region. */
function naiveCity(regions: Map<string, Region>, id: string): string {
  const seen = new Set<string>();
  for (let cur: string | undefined = id; cur !== undefined && !seen.has(cur); cur = parentOf(regions, cur)) {
    seen.add(cur);
    const r = regions.get(cur);
    if (!r) break;
    if (r.level === 'city') return cur;
    if (r.level === 'province' || r.level === 'country') break;
  }
  return id;
}

/** Regions whose ancestor chain (self included) contains `root`. */
function naiveSubtree(regions: Map<string, Region>, root: string): Set<string> {
  const out = new Set<string>();
  if (!regions.has(root)) return out;
  for (const id of regions.keys()) {
    const seen = new Set<string>();
    for (let cur: string | undefined = id; cur !== undefined && !seen.has(cur); cur = parentOf(regions, cur)) {
      seen.add(cur);
      if (cur === root) {
        out.add(id);
        break;
      }
    }
  }
  return out;
}

const segsOf = (f: Firm) => f.segments.map((s) => s.segmentId);
const byIdOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function checkAgainstRecount(g: GraphIndex, step: number): void {
  const firms = [...g.firms.values()];
  const regions = g.regions;
  const ctx = `after step ${step}`;

  expect(g.allPairs(), ctx).toBe(firms.reduce((n, f) => n + f.segments.length, 0));
  expect(g.sortedRegions().map((r) => r.id), ctx).toEqual([...regions.keys()].sort(byIdOrder));

  const regionIds = [...new Set([...regions.keys(), ...lateRegions, ...firms.map((f) => f.regionId)])];
  for (const r of regionIds) {
    const here = firms.filter((f) => f.regionId === r);
    expect(g.sortedFirmsInRegion(r).map((f) => f.id), `${ctx}: firms in ${r}`).toEqual(here.map((f) => f.id).sort(byIdOrder));
    // The cached firm objects are (compact copies of) the current records, not
    // earlier versions: "re-put same" changes `listed` and the name half the time.
    for (const f of g.sortedFirmsInRegion(r)) expect(f, `${ctx}: record of ${f.id}`).toEqual(g.firms.get(f.id));
  }

  for (const s of segIds) {
    const inSeg = firms.filter((f) => segsOf(f).includes(s));
    expect(g.firmCountInSegment(s), `${ctx}: total ${s}`).toBe(inSeg.length);

    const byCity = new Map<string, number>();
    for (const f of inSeg) {
      const c = naiveCity(regions, f.regionId);
      byCity.set(c, (byCity.get(c) ?? 0) + 1);
    }
    const expectedCity = [...byCity].map(([regionId, count]) => ({ regionId, count })).sort((a, b) => byIdOrder(a.regionId, b.regionId));
    expect(g.segmentCityCounts(s), `${ctx}: city counts ${s}`).toEqual(expectedCity);

    const pairs = new Map<string, number>();
    for (const f of inSeg) for (const t of segsOf(f)) if (t !== s) pairs.set(t, (pairs.get(t) ?? 0) + 1);
    expect(new Map(g.segmentPairCounts(s)), `${ctx}: pairs ${s}`).toEqual(pairs);
  }

  for (const home of [...regions.keys(), 'nowhere']) {
    const sub = naiveSubtree(regions, home);
    expect([...g.regionSubtree(home)].sort(byIdOrder), `${ctx}: subtree ${home}`).toEqual([...sub].sort(byIdOrder));
    const local = firms.filter((f) => sub.has(f.regionId));
    expect(g.pairsWithin(sub), `${ctx}: pairs within ${home}`).toBe(local.reduce((n, f) => n + f.segments.length, 0));
    for (const s of segIds) {
      expect(g.firmCountInSegmentWithin(s, sub), `${ctx}: local ${s} in ${home}`).toBe(local.filter((f) => segsOf(f).includes(s)).length);
    }
    // Two segment groups, the shape buildAnalysisInput asks for.
    const groups = [['k1.a', 'k1.b'], ['k1.b', 'k2.c', 'k2.z']];
    const scoped = g.firmsOfSegmentsWithin(groups, sub);
    const expected = local
      .filter((f) => groups.some((grp) => grp.some((s) => segsOf(f).includes(s))))
      .sort((a, b) => byIdOrder(a.id, b.id));
    expect(scoped.firms.map((f) => f.id), `${ctx}: scoped firms in ${home}`).toEqual(expected.map((f) => f.id));
    // The gap finder's view of them (kept next to the records, patched with them).
    expect(scoped.local, `${ctx}: scoped local firms in ${home}`).toEqual(expected.map((f) => localFirmOf(f, false)));
    expect([...scoped.groups], `${ctx}: scoped groups in ${home}`).toEqual(
      expected.map((f) => groups.reduce((mask, grp, k) => (grp.some((s) => segsOf(f).includes(s)) ? mask | (1 << k) : mask), 0)),
    );
  }

  // Ties bought by local firms of some segments, with the supplier's region and segments.
  for (const home of [...regions.keys()]) {
    const sub = naiveSubtree(regions, home);
    const segs = ['k1.a', 'k1.b', 'k2.c'];
    const expected = [...g.supplies.values()]
      .filter((t) => {
        const buyer = g.firms.get(t.to);
        return !!buyer && sub.has(buyer.regionId) && segsOf(buyer).some((s) => segs.includes(s)) && g.firms.has(t.from);
      })
      .sort((x, y) => byIdOrder(x.to, y.to) || byIdOrder(x.from, y.from))
      .map((t) => ({ ...t, supplierRegionId: g.firms.get(t.from)!.regionId, supplierSegmentIds: segsOf(g.firms.get(t.from)!) }));
    expect(g.suppliesBoughtWithin(segs, sub), `${ctx}: ties bought in ${home}`).toEqual(expected);
  }

  // The gap finder's whole input equals the one from an index built from scratch.
  const fresh = GraphIndex.fromBundle({
    sources: [],
    regions: [...regions.values()],
    clusters,
    segments,
    feeds,
    firms,
    supplies: [...g.supplies.values()],
    anchors: [...g.anchors.values()],
    projects: [],
  });
  for (const home of ['d1', 'c1', 'p2', 'cn']) {
    if (!regions.has(home)) continue;
    for (const c of clusters) {
      expect(buildAnalysisInput(g, c.id, home), `${ctx}: input ${c.id} @ ${home}`).toEqual(buildAnalysisInput(fresh, c.id, home));
    }
  }
  for (const s of segIds) expect(buildSegmentRegionCounts(g, s), `${ctx}: region counts ${s}`).toEqual(buildSegmentRegionCounts(fresh, s));
}

// ------------------------------------------------------------ the random walk

function randomFirm(r: ReturnType<typeof rng>, id: string, regionPool: string[]): Firm {
  const n = 1 + r.int(3);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(r.pick(segIds));
  return firm({ id, regionId: r.pick(regionPool), segments: [...chosen].map((segmentId, i) => ({ segmentId, primary: i === 0 })), listed: r.next() < 0.2 });
}

function walk(seed: number, steps: number, checkEvery: number): { counts: Record<string, number> } {
  const r = rng(seed);
  const g = new GraphIndex();
  startRegions.forEach((x) => g.putRegion(x));
  clusters.forEach((x) => g.putCluster(x));
  segments.forEach((x) => g.putSegment(x));
  feeds.forEach((x) => g.putFeed(x));
  const counts: Record<string, number> = {};
  const did = (op: string) => (counts[op] = (counts[op] ?? 0) + 1);
  const regionPool = () => [...startRegions.map((x) => x.id), ...lateRegions];
  let nextId = 0;

  for (let step = 1; step <= steps; step++) {
    const existing = [...g.firms.keys()];
    const roll = r.next();
    if (roll < 0.35 || existing.length < 5) {
      // A new firm; ids are not in creation order, so sorted order interleaves.
      const id = `f${(nextId++ * 7919) % 1000}`.padEnd(6, 'x');
      g.putFirm(randomFirm(r, id, regionPool()));
      did('put new');
    } else if (roll < 0.6) {
      // Re-put with other segments and/or another region.
      const old = g.firms.get(r.pick(existing))!;
      const changed = randomFirm(r, old.id, regionPool());
      g.putFirm(r.next() < 0.3 ? { ...old, segments: changed.segments } : r.next() < 0.5 ? { ...old, regionId: changed.regionId } : changed);
      did('re-put');
    } else if (roll < 0.65) {
      // Re-put with the same region and segments: unchanged, or other fields edited.
      const old = g.firms.get(r.pick(existing))!;
      g.putFirm(r.next() < 0.5 ? { ...old } : { ...old, listed: !old.listed, nameZh: `${old.nameZh}改` });
      did('re-put same');
    } else if (roll < 0.8) {
      // Remove, the way the store does: ties and anchors first.
      const id = r.pick(existing);
      const { sells, buys } = g.suppliesOf(id);
      for (const t of [...sells, ...buys]) g.removeSupply(t.from, t.to);
      for (const a of g.anchorsOfFirm(id)) g.removeAnchor(a.firmId, a.clusterId);
      expect(g.removeFirm(id)).toBe(true);
      expect(g.removeFirm(id)).toBe(false);
      did('remove');
    } else if (roll < 0.9) {
      const from = r.pick(existing);
      const to = r.pick(existing);
      if (from !== to) g.putSupply({ from, to, ...(r.next() < 0.5 ? { segmentId: r.pick(segIds) } : {}), ...prov } as SupplyTie);
      if (r.next() < 0.3) g.putAnchor({ firmId: r.pick(existing), clusterId: r.pick(clusters).id, ...prov } as Anchor);
      did('tie/anchor');
    } else {
      // Region tree changes after firms are in: add a late region, move a
      // district to another city, or promote/demote a district's level.
      const kind = r.int(3);
      if (kind === 0) {
        const id = r.pick(lateRegions);
        g.putRegion(region(id, 'district', r.pick(['c1', 'c2', 'c3', 'd2'])));
        did('region: add/move late');
      } else if (kind === 1) {
        const id = r.pick(['d2', 'd3', 'd4']);
        g.putRegion({ ...g.regions.get(id)!, parentId: r.pick(['c1', 'c2', 'c3', 'p2']) });
        did('region: move district');
      } else {
        const id = r.pick(['d1', 'd3']);
        const cur = g.regions.get(id)!;
        g.putRegion({ ...cur, level: cur.level === 'city' ? 'district' : 'city' });
        did('region: level');
      }
    }
    // Reads between writes fill the caches that the next write must drop.
    if (r.next() < 0.5) {
      for (const s of segIds) g.segmentCityCounts(s);
      g.firmsOfSegmentsWithin([[r.pick(segIds)], [r.pick(segIds)]], g.regionSubtree(r.pick(['d1', 'c1', 'cn'])));
      g.sortedRegions();
      g.suppliesBoughtWithin([r.pick(segIds), r.pick(segIds)], g.regionSubtree(r.pick(['d1', 'c1', 'cn'])));
      if (g.regions.has('d1')) buildAnalysisInput(g, r.pick(clusters).id, 'd1');
    }
    if (step % checkEvery === 0 || step === steps) checkAgainstRecount(g, step);
  }
  return { counts };
}

describe('GraphIndex incremental aggregates', () => {
  it('equal a from-scratch recount after a seeded random sequence of writes, re-puts, removals and region changes', () => {
    const { counts } = walk(20240601, 600, 7);
    // The walk really exercised every kind of write (guards against a generator that silently does nothing).
    for (const op of ['put new', 're-put', 're-put same', 'remove', 'tie/anchor', 'region: add/move late', 'region: move district', 'region: level']) {
      expect(counts[op] ?? 0, op).toBeGreaterThan(5);
    }
  });

  it('hold for other seeds too (shorter walks)', () => {
    for (const seed of [1, 2, 3]) walk(seed, 200, 11);
  });

  it('re-putting a firm with the same region and segments keeps the aggregates and moves its USCC lookup', () => {
    const g = new GraphIndex();
    startRegions.forEach((x) => g.putRegion(x));
    segments.forEach((x) => g.putSegment(x));
    const a = firm({ id: 'a', uscc: 'USCC-A', regionId: 'd1', segments: [{ segmentId: 'k1.a', primary: true }] });
    g.putFirm(a);
    g.putFirm(firm({ id: 'b', regionId: 'd1', segments: [{ segmentId: 'k1.a', primary: true }] }));
    expect(g.sortedFirmsInRegion('d1').map((f) => f.listed)).toEqual([false, false]);
    g.putFirm({ ...a, uscc: 'USCC-B', listed: true });
    expect(g.firmIdByUscc('USCC-A')).toBeUndefined();
    expect(g.firmIdByUscc('USCC-B')).toBe('a');
    expect(g.sortedFirmsInRegion('d1').map((f) => [f.id, f.listed])).toEqual([['a', true], ['b', false]]);
    expect(g.firmCountInSegment('k1.a')).toBe(2);
    expect(g.allPairs()).toBe(2);
  });

  it('count a firm in a region added after it for that region, and re-roll city counts when the region moves', () => {
    const g = new GraphIndex();
    startRegions.forEach((x) => g.putRegion(x));
    segments.forEach((x) => g.putSegment(x));
    g.putFirm(firm({ id: 'a', regionId: 'late1', segments: [{ segmentId: 'k1.a', primary: true }] }));
    g.putFirm(firm({ id: 'b', regionId: 'd1', segments: [{ segmentId: 'k1.a', primary: true }] }));
    // late1 is unknown: it stands for itself; d1 counts for its city c1.
    expect(g.segmentCityCounts('k1.a')).toEqual([{ regionId: 'c1', count: 1 }, { regionId: 'late1', count: 1 }]);
    g.putRegion(region('late1', 'district', 'c1'));
    expect(g.segmentCityCounts('k1.a')).toEqual([{ regionId: 'c1', count: 2 }]);
    expect(g.firmCountInSegmentWithin('k1.a', g.regionSubtree('c1'))).toBe(2);
    g.putRegion(region('late1', 'district', 'c3'));
    expect(g.segmentCityCounts('k1.a')).toEqual([{ regionId: 'c1', count: 1 }, { regionId: 'c3', count: 1 }]);
    expect(g.firmCountInSegmentWithin('k1.a', g.regionSubtree('c1'))).toBe(1);
  });
});

describe('GraphIndex per-cluster part of the analysis input (cached between writes)', () => {
  /** An index of the current records of `g`, built from scratch. */
  const rebuilt = (g: GraphIndex) =>
    GraphIndex.fromBundle({
      sources: [],
      regions: [...g.regions.values()],
      clusters: [...g.clusters.values()],
      segments: [...g.segments.values()],
      feeds: [...g.feeds.values()],
      firms: [...g.firms.values()],
      supplies: [...g.supplies.values()],
      anchors: [...g.anchors.values()],
      projects: [],
    });

  it('follows FEEDS, segment and firm writes made after it was read', () => {
    const g = new GraphIndex();
    startRegions.forEach((x) => g.putRegion(x));
    clusters.forEach((x) => g.putCluster(x));
    segments.forEach((x) => g.putSegment(x));
    feeds.forEach((x) => g.putFeed(x));
    g.putFirm(firm({ id: 'f1', regionId: 'd1', segments: [{ segmentId: 'k1.a', primary: true }, { segmentId: 'k2.z', primary: false }] }));
    g.putFirm(firm({ id: 'f2', regionId: 'd3', segments: [{ segmentId: 'k1.a', primary: true }] }));
    const k1 = () => buildAnalysisInput(g, 'k1', 'd1')!;

    // k1's FEEDS reach k2.a (into k1.b) and k2.b (out of k1.c); k2.z is in no edge.
    expect(k1().neighborSegments.map((s) => s.id)).toEqual(['k2.a', 'k2.b']);
    expect(k1().pairCounts).toEqual([]);
    expect(k1().regionCounts).toEqual([
      { segmentId: 'k1.a', regionId: 'c1', count: 1 },
      { segmentId: 'k1.a', regionId: 'c2', count: 1 },
    ]);

    // A new FEEDS edge brings k2.z into k1's scope: its counts and the pair (k1.a, k2.z) with it.
    g.putFeed(feed('k2.z', 'k1.a', 0.3));
    expect(k1().neighborSegments.map((s) => s.id)).toEqual(['k2.a', 'k2.b', 'k2.z']);
    expect(k1().feeds.map((f) => `${f.from}>${f.to}`)).toEqual(['k1.a>k1.b', 'k1.b>k1.c', 'k1.c>k2.b', 'k2.a>k1.b', 'k2.z>k1.a']);
    expect(k1().pairCounts).toEqual([{ a: 'k1.a', b: 'k2.z', count: 1 }]);
    expect(k1().regionCounts.filter((c) => c.segmentId === 'k2.z')).toEqual([{ segmentId: 'k2.z', regionId: 'c1', count: 1 }]);
    expect(k1()).toEqual(buildAnalysisInput(rebuilt(g), 'k1', 'd1'));

    // A segment record re-put (another name) and a segment moved to another cluster.
    g.putSegment({ ...g.segments.get('k1.b')!, nameZh: '改名环节' });
    expect(k1().segments.find((s) => s.id === 'k1.b')!.nameZh).toBe('改名环节');
    g.putSegment({ ...g.segments.get('k1.c')!, clusterId: 'k2' });
    expect(k1().segments.map((s) => s.id)).toEqual(['k1.a', 'k1.b']);
    expect(k1().neighborSegments.map((s) => s.id)).toEqual(['k1.c', 'k2.a', 'k2.z']);
    expect(k1()).toEqual(buildAnalysisInput(rebuilt(g), 'k1', 'd1'));

    // A firm write in a scope segment: the counts and the pair move with it.
    g.putFirm(firm({ id: 'f2', regionId: 'd3', segments: [{ segmentId: 'k1.a', primary: true }, { segmentId: 'k2.z', primary: false }] }));
    expect(k1().pairCounts).toEqual([{ a: 'k1.a', b: 'k2.z', count: 2 }]);
    expect(k1().regionCounts.filter((c) => c.segmentId === 'k2.z')).toEqual([
      { segmentId: 'k2.z', regionId: 'c1', count: 1 },
      { segmentId: 'k2.z', regionId: 'c2', count: 1 },
    ]);
    g.removeFirm('f1');
    expect(k1().pairCounts).toEqual([{ a: 'k1.a', b: 'k2.z', count: 1 }]);
    expect(k1()).toEqual(buildAnalysisInput(rebuilt(g), 'k1', 'd1'));

    // A region moved to another city: the city-level counts follow.
    g.putRegion({ ...g.regions.get('d3')!, parentId: 'c3' });
    expect(k1().regionCounts).toEqual([
      { segmentId: 'k1.a', regionId: 'c3', count: 1 },
      { segmentId: 'k2.z', regionId: 'c3', count: 1 },
    ]);
    expect(k1()).toEqual(buildAnalysisInput(rebuilt(g), 'k1', 'd1'));
  });

  it('hands out lists a caller may change without changing the next input', () => {
    const g = GraphIndex.fromBundle({ sources: [], regions: startRegions, clusters, segments, feeds, firms: [], supplies: [], anchors: [], projects: [] });
    const first = buildAnalysisInput(g, 'k1', 'd1')!;
    first.segments.pop();
    first.neighborSegments.length = 0;
    first.feeds.reverse();
    const second = buildAnalysisInput(g, 'k1', 'd1')!;
    expect(second.segments.map((s) => s.id)).toEqual(['k1.a', 'k1.b', 'k1.c']);
    expect(second.neighborSegments.map((s) => s.id)).toEqual(['k2.a', 'k2.b']);
    expect(second.feeds[0]).toEqual(feed('k1.a', 'k1.b', 0.6));
  });
});

describe('GraphIndex seller / buyer index of the ties (built on first read)', () => {
  const tie = (from: string, to: string): SupplyTie => ({ from, to, ...prov }) as SupplyTie;
  /** Puts and removals, some of a tie that was there before (a re-put keeps its place; a re-add after a removal goes last). */
  const writes = (g: GraphIndex) => {
    for (const [f, t] of [['a', 'x'], ['b', 'x'], ['c', 'x'], ['a', 'y'], ['b', 'y']] as const) g.putSupply(tie(f, t));
    g.removeSupply('a', 'x');
    g.putSupply(tie('b', 'x')); // already there
    g.putSupply(tie('a', 'x')); // back, now after the others
    g.removeSupply('c', 'x');
    g.putSupply(tie('d', 'a'));
  };
  const views = (g: GraphIndex) =>
    ['a', 'b', 'c', 'd', 'x', 'y'].map((id) => {
      const { sells, buys } = g.suppliesOf(id);
      return { id, sells: sells.map((t) => `${t.from}>${t.to}`), buys: buys.map((t) => `${t.from}>${t.to}`), bought: g.suppliesBoughtBy(id).map((t) => t.from) };
    });

  it('gives the same lists, in the same order, whether the writes came before or after it was built', () => {
    const lazy = new GraphIndex();
    writes(lazy); // nothing has read the index: built now, from the ties
    const eager = new GraphIndex();
    eager.prepareTieIndex(); // built empty, then kept in step by every write
    writes(eager);
    expect(views(lazy)).toEqual(views(eager));
    // Worked out by hand: x buys from b, then a (re-added last); c's tie is gone.
    expect(views(lazy).find((v) => v.id === 'x')).toEqual({ id: 'x', sells: [], buys: ['b>x', 'a>x'], bought: ['b', 'a'] });
    expect(views(lazy).find((v) => v.id === 'a')).toEqual({ id: 'a', sells: ['a>y', 'a>x'], buys: ['d>a'], bought: ['d'] });
    expect(views(lazy).find((v) => v.id === 'c')).toEqual({ id: 'c', sells: [], buys: [], bought: [] });
    // Writes after the first read are kept in step too.
    lazy.removeSupply('b', 'y');
    eager.removeSupply('b', 'y');
    expect(views(lazy)).toEqual(views(eager));
    expect(views(lazy).find((v) => v.id === 'b')!.sells).toEqual(['b>x']);
  });
});
