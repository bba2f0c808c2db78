// What-if (招引模拟): "if we land these firms in the home region, what changes?"
// The firms are moved (a copy with regionId = home region) and the cluster is
// assessed again on the adjusted input; the differences are returned.
import type { Firm } from '../domain/model.js';
import type { ClusterAnalysisInput, SegmentCounts, SegmentRegionCount } from './input.js';
import type { ClusterAssessment, WhatIfResult } from './types.js';
import { defaultGapFinderConfig, type GapFinderConfig } from './config.js';
import { assessCluster } from './assess.js';
import { regionTree } from './regionTree.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The input as it would be with `landFirms` located in the home region:
 * - each firm is copied with regionId = home region and added to localFirms;
 * - segmentCounts: local + 1 for each of its segments in the analysis (totals
 *   unchanged: the firm was already counted in the store);
 * - totals.localPairs + the number of its segments (all of them: a firm–segment pair is store-wide);
 * - regionCounts: −1 in its former city, +1 in the home region's city, per analysed segment;
 * - SUPPLIES ties it sells to local firms become local (supplierRegionId = home);
 * - it is no longer an outside anchor firm.
 * Firms already local are left alone (returned in `alreadyLocal`).
 */
export function landFirmsInInput(
  input: ClusterAnalysisInput,
  landFirms: readonly Firm[],
): { input: ClusterAnalysisInput; landed: Firm[]; alreadyLocal: string[] } {
  const tree = regionTree(input.regions);
  const home = input.homeRegionId;
  const localIds = new Set(input.localFirms.filter((f) => tree.isWithin(f.regionId, home)).map((f) => f.id));
  const seen = new Set<string>();
  const landed: Firm[] = [];
  const alreadyLocal: string[] = [];
  for (const f of [...landFirms].sort((a, b) => cmp(a.id, b.id))) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    if (localIds.has(f.id) || tree.isWithin(f.regionId, home)) alreadyLocal.push(f.id);
    else landed.push(f);
  }
  if (landed.length === 0) return { input, landed, alreadyLocal };

  const analysed = new Set([...input.segments, ...input.neighborSegments].map((s) => s.id));
  const counts = new Map<string, SegmentCounts>(input.segmentCounts.map((c) => [c.segmentId, { ...c }]));
  const regionCounts = new Map<string, SegmentRegionCount>(input.regionCounts.map((rc) => [`${rc.segmentId}\u0000${rc.regionId}`, { ...rc }]));
  const homeCity = tree.cityOf(home);
  let localPairs = input.totals.localPairs;

  for (const f of landed) {
    const segmentIds = [...new Set(f.segments.map((s) => s.segmentId))];
    localPairs += segmentIds.length;
    const fromCity = tree.cityOf(f.regionId);
    for (const segmentId of segmentIds) {
      if (!analysed.has(segmentId)) continue;
      const c = counts.get(segmentId);
      if (c) c.local += 1;
      else counts.set(segmentId, { segmentId, total: 1, local: 1 });
      if (fromCity === homeCity) continue;
      const fromKey = `${segmentId}\u0000${fromCity}`;
      const old = regionCounts.get(fromKey);
      if (old) {
        old.count -= 1;
        if (old.count <= 0) regionCounts.delete(fromKey);
      }
      const toKey = `${segmentId}\u0000${homeCity}`;
      const now = regionCounts.get(toKey);
      if (now) now.count += 1;
      else regionCounts.set(toKey, { segmentId, regionId: homeCity, count: 1 } satisfies SegmentRegionCount);
    }
  }

  const landedIds = new Set(landed.map((f) => f.id));
  return {
    input: {
      ...input,
      localFirms: [...input.localFirms, ...landed.map((f) => ({ ...f, regionId: home }))],
      outsideAnchorFirms: input.outsideAnchorFirms.filter((f) => !landedIds.has(f.id)),
      localSupplies: input.localSupplies.map((t) => (landedIds.has(t.from) ? { ...t, supplierRegionId: home } : t)),
      segmentCounts: [...counts.values()],
      totals: { allPairs: input.totals.allPairs, localPairs },
      regionCounts: [...regionCounts.values()],
    },
    landed,
    alreadyLocal,
  };
}

function linkKey(l: { from: string; to: string }): string {
  return `${l.from}\u0000${l.to}`;
}

/** Differences between two assessments of the same cluster. */
export function compareAssessments(before: ClusterAssessment, after: ClusterAssessment): Pick<
  WhatIfResult,
  'statusChanges' | 'weakLinksClosed' | 'weakLinksOpened' | 'sourcingRatioChanges'
> {
  const afterStatus = new Map([...after.segments, ...after.neighborSegments].map((s) => [s.segmentId, s.status] as const));
  const statusChanges = [...before.segments, ...before.neighborSegments]
    .filter((s) => afterStatus.has(s.segmentId) && afterStatus.get(s.segmentId) !== s.status)
    .map((s) => ({ segmentId: s.segmentId, from: s.status, to: afterStatus.get(s.segmentId)! }));
  const beforeWeak = new Set(before.weakLinks.map(linkKey));
  const afterWeak = new Set(after.weakLinks.map(linkKey));
  const weakLinksClosed = before.weakLinks.filter((l) => !afterWeak.has(linkKey(l))).map(({ from, to }) => ({ from, to }));
  const weakLinksOpened = after.weakLinks.filter((l) => !beforeWeak.has(linkKey(l))).map(({ from, to }) => ({ from, to }));
  const afterLinks = new Map(after.links.map((l) => [linkKey(l), l] as const));
  const sourcingRatioChanges = before.links.flatMap((l) => {
    const a = afterLinks.get(linkKey(l));
    if (!a || a.localSourcingRatio === l.localSourcingRatio) return [];
    return [{ from: l.from, to: l.to, before: l.localSourcingRatio, after: a.localSourcingRatio }];
  });
  return { statusChanges, weakLinksClosed, weakLinksOpened, sourcingRatioChanges };
}

export function whatIf(input: ClusterAnalysisInput, landFirms: readonly Firm[], config: GapFinderConfig = defaultGapFinderConfig): WhatIfResult {
  const before = assessCluster(input, config);
  const moved = landFirmsInInput(input, landFirms);
  const after = moved.landed.length > 0 ? assessCluster(moved.input, config) : before;
  return {
    before,
    after,
    landedFirmIds: moved.landed.map((f) => f.id),
    alreadyLocalFirmIds: moved.alreadyLocal,
    ...compareAssessments(before, after),
  };
}
