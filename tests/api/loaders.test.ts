// N+1 avoided: a nested query costs a fixed number of store calls however
// many clusters, segments and firms it touches. The real store is wrapped in
// a counting proxy (BuildOptions.wrapStore) on the real app.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countingStore, startTestApp, type TestApp } from './helpers.js';

const calls = new Map<string, number>();
const counting = countingStore((method) => calls.set(method, (calls.get(method) ?? 0) + 1));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_QUERY_COST: '1000000' }, { wrapStore: counting });
});
afterAll(() => t.close());
beforeEach(() => calls.clear());

const total = () => [...calls.values()].reduce((a, b) => a + b, 0);

describe('store calls per request', () => {
  it('clusters → segments → firms → segments → segment, regions, sources, anchors: one call per field', async () => {
    const r = await t.gql(`{ clusters { id source { id } anchors { id }
      segments { id cluster { id } parent { id } feeds { id } fedBy { id } flowsOut { to { id } }
        firms { id region { id parent { id } } origin { id } local anchorOf { id } source { id }
          segments { primary segment { id cluster { id } } } supplyTies { from { id } to { id } } projects { id } } } } }`);
    expect(r.errors).toBeUndefined();
    const segments = r.data.clusters.flatMap((c: { segments: unknown[] }) => c.segments);
    const firms = segments.flatMap((s: { firms: unknown[] }) => s.firms);
    expect(segments.length).toBe(6);
    expect(firms.length).toBeGreaterThanOrEqual(9);
    // One call per field and nesting level, whatever the number of parents (without
    // loaders: one call per cluster, segment and firm, well over a hundred here).
    expect(Object.fromEntries(calls)).toEqual({
      dataVersion: 2, // the response cache's and the region tables' version checks (an in-memory counter)
      listClusters: 3, // Query.clusters; Firm.anchorOf; Segment.cluster (one batch for every segment asked)
      listSegments: 1, // Cluster.segments, for both clusters
      listSources: 1, // every source { } of the request (per-request memo)
      listRegions: 1, // every region / origin / parent / local (per-request memo)
      listAnchors: 2, // Cluster.anchors; Firm.anchorOf
      listFeeds: 3, // Segment.feeds; Segment.fedBy; Segment.flowsOut
      getSegments: 4, // feeds' targets; fedBy's sources; Flow.to; FirmSegment.segment
      getFirms: 3, // anchors' firms; SupplyTie.from; SupplyTie.to
      firmsBySegments: 1, // Segment.firms for all six segments
      listSupplies: 1, // Firm.supplyTies for all firms
      listProjects: 1, // Firm.projects for all firms
    });
  });

  it('the same query over more data costs the same number of calls', async () => {
    const q = '{ firms(first: 100) { edges { node { segments { segment { cluster { id } firms { id } } } anchorOf { id } region { id } } } } }';
    const createFirm = (i: number) =>
      t.gql(`mutation { createFirm(input: { id: "n-${i}", nameZh: "新企业${i}", regionId: "cn-js-wx-xinwu", ownership: PRIVATE, segments: [{ segmentId: "ic.design" }, { segmentId: "iot.app" }] }) { id } }`, undefined, t.tokens.editor);
    // Both measurements right after a write: nothing served from a cache of the data version.
    await createFirm(0);
    calls.clear();
    await t.gql(q);
    const before = total();
    // Add firms: more nodes in the answer, not more store calls.
    for (let i = 1; i <= 5; i++) await createFirm(i);
    calls.clear();
    const r = await t.gql(q);
    expect(r.data.firms.edges).toHaveLength(14);
    expect(total()).toBe(before);
    // and the same query again, before any write, is answered from the response cache: one version check
    calls.clear();
    expect((await t.gql(q)).data).toEqual(r.data);
    expect(Object.fromEntries(calls)).toEqual({ dataVersion: 1 });
  });
});
