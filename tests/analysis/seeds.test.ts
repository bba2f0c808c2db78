// Invariants of the gap finder on the real graph-seeds/ (all 12 clusters, home
// 新吴区 and a few other homes): numbers in range, parts adding up, rules of
// status / weak links / actions respected, same answer for shuffled input.
// Exact numbers are tested on hand-made fixtures; these hold for any valid seeds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { buildAnalysisInput } from '../../server/analysis/buildInput.js';
import { assessCluster } from '../../server/analysis/assess.js';
import { defaultGapFinderConfig as config } from '../../server/analysis/config.js';
import type { ClusterAssessment } from '../../server/analysis/types.js';
import { shuffled } from './fixtures.js';

const bundle = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const g = GraphIndex.fromBundle(bundle);
const homes = ['cn-js-wx-xinwu', 'cn-js-wx', 'cn-js'].filter((id) => g.regions.has(id));

function checkInvariants(a: ClusterAssessment): void {
  const all = [...a.segments, ...a.neighborSegments];
  const status = new Map(all.map((s) => [s.segmentId, s.status]));
  for (const s of all) {
    expect(s.criticality).toBeGreaterThanOrEqual(0);
    expect(s.criticality).toBeLessThanOrEqual(1 + 1e-12);
    expect(s.relatednessDensity).toBeGreaterThanOrEqual(0);
    expect(s.relatednessDensity).toBeLessThanOrEqual(1 + 1e-12);
    expect(s.rca).toBeGreaterThanOrEqual(0);
    expect(s.criticalityParts.reduce((t, p) => t + p.contribution, 0)).toBeCloseTo(s.criticality, 10);
    expect(s.strengthParts.reduce((t, p) => t + p.contribution, 0)).toBeCloseTo(s.strength, 10);
    expect(s.singlePointOfFailure).toBe(s.localFirmIds.length === 1);
    if (s.localFirmIds.length === 0) expect([s.status, s.quadrant]).toEqual(['MISSING', 'POSSIBLE_ENTRANT']);
    if (s.localFirmIds.length === 1) expect(s.status).toBe('WEAK');
    if (s.status === 'STRONG') expect(s.strength).toBeGreaterThanOrEqual(config.status.strongMin);
  }
  for (const w of a.weakLinks) {
    expect(['STRONG', 'POTENTIAL']).toContain(status.get(w.to));
    expect(['MISSING', 'WEAK']).toContain(status.get(w.from));
    if (w.localSourcingRatio !== null) expect(w.localSourcingRatio).toBeCloseTo(w.tiesLocal / w.tiesTotal, 12);
  }
  for (const x of a.actions) {
    expect(x.priority).toBeGreaterThanOrEqual(0);
    expect(x.priority).toBeLessThanOrEqual(100 + 1e-9);
    const st = status.get(x.segmentId);
    if (x.kind === 'FILL' || x.kind === 'CREATE' || x.kind === 'EXTEND') expect(st).toBe('MISSING');
    if (x.kind === 'STRENGTHEN') expect(st).toBe('WEAK');
    if (x.kind === 'EXTEND') expect(a.neighborSegments.some((s) => s.segmentId === x.segmentId)).toBe(true);
    else expect(a.segments.some((s) => s.segmentId === x.segmentId)).toBe(true);
  }
  for (let i = 1; i < a.actions.length; i++) expect(a.actions[i - 1]!.priority).toBeGreaterThanOrEqual(a.actions[i]!.priority);
  expect(a.noLocalBase).toBe(a.segments.length > 0 && a.segments.every((s) => s.status === 'MISSING'));
}

describe('gap finder on graph-seeds/', () => {
  it('has the 12 clusters to check', () => {
    expect(g.clusters.size).toBe(12);
  });

  for (const home of homes)
    it(`every cluster, home ${home}: invariants hold and input order does not matter`, () => {
      for (const clusterId of g.clusters.keys()) {
        const input = buildAnalysisInput(g, clusterId, home)!;
        const a = assessCluster(input);
        checkInvariants(a);
        expect(assessCluster(shuffled(input))).toEqual(a);
      }
    });

  it('IC in 新吴区 has a local base and at least one 补链 or 强链 action', () => {
    const a = assessCluster(buildAnalysisInput(g, 'ic', 'cn-js-wx-xinwu')!);
    expect(a.noLocalBase).toBe(false);
    expect(a.actions.some((x) => x.kind === 'FILL' || x.kind === 'STRENGTHEN')).toBe(true);
  });
});
