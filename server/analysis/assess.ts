// The gap finder (DESIGN.md "Gap finder", docs/gap-finder.md): a pure,
// deterministic function of one cluster's subgraph and a home region. Read it
// top to bottom next to the doc: strength → status → RCA → relatedness →
// density → quadrant → criticality → weak links → actions.
import type { Band, Firm, Segment, Stage } from '../domain/model.js';
import type { ClusterAnalysisInput, LocalFirm, LocalSupplyTie } from './input.js';
import type {
  ActionKind,
  ChainAction,
  ClusterAssessment,
  Contribution,
  Explanation,
  FeedLink,
  Quadrant,
  RelatedSegment,
  SegmentAssessment,
  SegmentStatus,
  WeakLink,
} from './types.js';
import { defaultGapFinderConfig, type GapFinderConfig } from './config.js';
import { regionTree, type RegionTree } from './regionTree.js';
import { explain, listEn, listZh, num, pct, segEn, segZh, statusEn, statusZh } from './words.js';

const stageOrder: Record<Stage, number> = { upstream: 0, midstream: 1, downstream: 2, support: 3 };
const actionOrder: Record<ActionKind, number> = { FILL: 0, STRENGTHEN: 1, CREATE: 2, EXTEND: 3 };

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Chain order: stage (上游 → 中游 → 下游 → 支撑), then id. Input order never matters. */
export function compareSegments(a: Segment, b: Segment): number {
  return stageOrder[a.stage] - stageOrder[b.stage] || byId(a, b);
}

/** Weighted mean Σ wᵢ·xᵢ / Σ wᵢ (0 when all weights are 0). */
function weightedMean(parts: { w: number; x: number }[]): number {
  let sw = 0;
  let s = 0;
  for (const p of parts) {
    sw += p.w;
    s += p.w * p.x;
  }
  return sw > 0 ? s / sw : 0;
}

/** Band score of a firm: the higher of its revenue and employee band scores, 0 when neither is known. */
export function firmSizeScore(firm: Pick<Firm, 'revenueBand' | 'employeesBand'>, config: GapFinderConfig): number {
  const b = config.strength.bandScores;
  return Math.max(bandScore(firm.revenueBand, b), bandScore(firm.employeesBand, b));
}

/** `band ? scores[band] : 0`, without a keyed lookup (the hot loop reads it per local firm). */
function bandScore(band: Band | undefined, scores: GapFinderConfig['strength']['bandScores']): number {
  switch (band) {
    case 'XS':
      return scores.XS;
    case 'S':
      return scores.S;
    case 'M':
      return scores.M;
    case 'L':
      return scores.L;
    case 'XL':
      return scores.XL;
    default:
      return band ? scores[band] : 0;
  }
}

/** A local firm's names (stores give them for every firm the gap finder names, see LocalFirm; the id is a fallback only). */
const nameZh = (f: LocalFirm): string => f.nameZh ?? f.id;
const nameEn = (f: LocalFirm): string => f.nameEn ?? nameZh(f);

/** Status from strength and local firm count (one firm is at most WEAK). */
export function segmentStatus(strength: number, localFirmCount: number, config: GapFinderConfig): SegmentStatus {
  if (localFirmCount === 0) return 'MISSING';
  if (localFirmCount === 1) return 'WEAK';
  if (strength >= config.status.strongMin) return 'STRONG';
  if (strength >= config.status.potentialMin) return 'POTENTIAL';
  return 'WEAK';
}

/** Everything indexed once; arrays are in canonical order so that every sum runs in the same order. */
interface Prepared {
  input: ClusterAnalysisInput;
  config: GapFinderConfig;
  tree: RegionTree;
  homeRegionId: string;
  /** Own segments first (chain order), then neighbour segments (chain order). */
  segs: Segment[];
  ownCount: number;
  index: Map<string, number>;
  /** Per segment index: ids of the local firms (sorted), and the first of them. */
  localBySeg: string[][];
  firstLocal: (LocalFirm | undefined)[];
  /** `localSupplies` sorted by (to, from) (stores send them so: then the same array). */
  ties: readonly LocalSupplyTie[];
  /** The distinct buyers (`to`) of `ties`, in that order. */
  buyerIds: string[];
  /** Per buyer of `buyerIds`: segment indexes of the buyer when it is a local firm, else undefined. */
  buyerSegs: (number[] | undefined)[];
  /** The local anchor firms of the cluster, sorted by id. */
  localAnchors: LocalFirm[];
  /** Per segment index: ids of the local firms that are anchors of the cluster (sorted). */
  anchorsBySeg: string[][];
  /** Segment indexes of each of `localAnchors`. */
  localAnchorSegs: number[][];
  /** Per segment index, over its local firms (in id order): Σ size score, #high-tech, #专精特新, #listed. */
  sizeSum: Float64Array;
  highTech: Int32Array;
  specialized: Int32Array;
  listed: Int32Array;
  total: number[];
  /** FEEDS, deduplicated (max weight), sorted by (from, to); no self-loops; both ends assessed. */
  feeds: { from: number; to: number; w: number }[];
  out: { to: number; w: number }[][];
  inWeight: number[];
}

interface LocalContext {
  tree: RegionTree;
  home: string;
  index: Map<string, number>;
  n: number;
  config: GapFinderConfig;
  /** Sorted, distinct: anchor firm ids of the cluster and the buyers of the ties (firms are matched by a merge, no lookups). */
  anchorIds: string[];
  buyerIds: string[];
}

type LocalIndex = Pick<Prepared, 'localBySeg' | 'firstLocal' | 'anchorsBySeg' | 'localAnchors' | 'localAnchorSegs' | 'buyerSegs' | 'sizeSum' | 'highTech' | 'specialized' | 'listed'>;

/** indexLocalFirms' per-firm-segment scratch, kept between calls (grown when a call needs more; calls do not overlap: all synchronous). */
let resolvedScratch = new Int32Array(4096);

/**
 * Over the local firms (those within the home region), in the given order:
 * per segment its firms, anchors and strength sums (each sum in firm order,
 * so the result does not depend on how the passes are organised). With
 * `requireSorted`, returns null as soon as two firms are not in strictly
 * increasing id order.
 */
function indexLocalFirms(c: LocalContext, firms: readonly LocalFirm[], requireSorted: boolean): LocalIndex | null {
  const { tree, home, index, n, config } = c;
  // Two passes, so that every per-segment id list is allocated once at its size
  // (pushing grew them step by step). Pass 1: which firms are local (in order),
  // how many firms each segment gets, and each firm segment's index (looked up
  // once: the lookups were most of this function's time), kept in `resolved`.
  const within = new Uint8Array(firms.length);
  let resolved = resolvedScratch;
  let nResolved = 0;
  const count = new Int32Array(n);
  /** Per segment: the last firm (position in `firms`) counted for it, −1 for none. */
  const lastFirm = new Int32Array(n).fill(-1);
  let prevId: string | undefined;
  // Firms sorted by id mostly come in runs of one region (a USCC starts with the area code): remember the last answer.
  let lastRegion: string | undefined;
  let lastWithin = false;
  // Indexed loops here and in the other per-call loops: no iterator objects, in whichever tier the code runs.
  for (let fi = 0; fi < firms.length; fi++) {
    const f = firms[fi]!;
    if (f.regionId !== lastRegion) {
      lastRegion = f.regionId;
      lastWithin = tree.isWithin(f.regionId, home);
    }
    if (!lastWithin) continue;
    const id = f.id;
    if (requireSorted && prevId !== undefined && !(prevId < id)) return null;
    prevId = id;
    within[fi] = 1;
    const fsegs = f.segments;
    if (nResolved + fsegs.length > resolved.length) {
      const grown = new Int32Array(Math.max(2 * resolved.length, nResolved + fsegs.length));
      grown.set(resolved.subarray(0, nResolved));
      resolved = resolvedScratch = grown;
    }
    for (let si = 0; si < fsegs.length; si++) {
      const i = index.get(fsegs[si]!.segmentId);
      if (i === undefined || lastFirm[i] === fi) {
        resolved[nResolved++] = -1; // not assessed, or the segment listed twice
        continue;
      }
      resolved[nResolved++] = i;
      lastFirm[i] = fi;
      count[i]!++;
    }
  }

  const localBySeg: string[][] = [];
  const firstLocal: (LocalFirm | undefined)[] = new Array(n).fill(undefined);
  const anchorsBySeg: string[][] = [];
  for (let i = 0; i < n; i++) {
    localBySeg.push(count[i]! > 0 ? new Array<string>(count[i]!) : []);
    anchorsBySeg.push([]);
  }
  /** Per segment: how many of its ids are in place. */
  const filled = new Int32Array(n);
  const sizeSum = new Float64Array(n);
  const highTech = new Int32Array(n);
  const specialized = new Int32Array(n);
  const listed = new Int32Array(n);
  const { anchorIds, buyerIds } = c;
  const buyerSegs: (number[] | undefined)[] = new Array(buyerIds.length).fill(undefined);
  const out: LocalIndex = { localBySeg, firstLocal, anchorsBySeg, localAnchors: [], localAnchorSegs: [], buyerSegs, sizeSum, highTech, specialized, listed };
  let ai = 0;
  let bi = 0;
  /** The firm's assessed segments (distinct, in the firm's order). */
  // Scratch with a count, not an array emptied per firm: `length = 0` drops an array's storage, and the next push allocates it again.
  const found = new Int32Array(n);
  let nFound = 0;
  // Pass 2: per segment its firms (in firm order), anchors and strength sums.
  for (let fi = 0, r = 0; fi < firms.length; fi++) {
    if (within[fi] === 0) continue;
    const f = firms[fi]!;
    const id = f.id;
    let score = -1;
    nFound = 0;
    const nSegs = f.segments.length;
    for (let si = 0; si < nSegs; si++) {
      const i = resolved[r++]!;
      if (i < 0) continue;
      const list = localBySeg[i]!;
      const k = filled[i]!;
      if (k === 0) firstLocal[i] = f;
      list[k] = id;
      filled[i] = k + 1;
      found[nFound++] = i;
      if (score < 0) score = firmSizeScore(f, config);
      sizeSum[i] = sizeSum[i]! + score;
      if (f.highTech) highTech[i]!++;
      if (f.specialized) specialized[i]!++;
      if (f.listed) listed[i]!++;
    }
    // Local firms come in increasing id order: advance both sorted id lists to this firm.
    let isAnchor = false;
    if (ai < anchorIds.length) {
      let a = anchorIds[ai]!;
      while (a < id && ++ai < anchorIds.length) a = anchorIds[ai]!;
      isAnchor = a === id;
    }
    let isBuyer = false;
    if (bi < buyerIds.length) {
      let b = buyerIds[bi]!;
      while (b < id && ++bi < buyerIds.length) b = buyerIds[bi]!;
      isBuyer = b === id;
    }
    if (!isAnchor && !isBuyer) continue;
    // The firm's segment indexes in increasing order (an insertion sort: a firm has a handful of segments).
    const idx = new Array<number>(nFound);
    for (let fk = 0; fk < nFound; fk++) {
      const i = found[fk]!;
      let j = fk;
      for (; j > 0 && idx[j - 1]! > i; j--) idx[j] = idx[j - 1]!;
      idx[j] = i;
    }
    if (isBuyer) buyerSegs[bi] = idx;
    // One anchor lookup per firm (strength, criticality and the output all need it).
    if (isAnchor) {
      out.localAnchors.push(f);
      out.localAnchorSegs.push(idx);
      for (let k = 0; k < idx.length; k++) anchorsBySeg[idx[k]!]!.push(id);
    }
  }
  return out;
}

/**
 * An empty list of strings whose storage is already of the kind that holds
 * objects: an empty `[]` starts as a list of small integers, so a cluster
 * without anchors (or ties) handed the gap finder a list of another hidden
 * class than one with them, and the optimised code reading it was thrown
 * away again and again (--trace-deopt: "wrong map" at anchorIds.length, up to
 * 75 times in 480 calls, each followed by a recompilation on a helper thread).
 */
function stringList(): string[] {
  const list = [''];
  list.pop();
  return list;
}

/** The ids sorted (code-unit order) without duplicates; the same array when it already is. */
function sortedDistinct(ids: string[]): string[] {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return [...new Set(ids)].sort(cmp);
  return ids;
}

function prepare(input: ClusterAnalysisInput, config: GapFinderConfig): Prepared {
  const tree = regionTree(input.regions);
  const home = input.homeRegionId;

  const own = [...input.segments].sort(compareSegments);
  const ownIds = new Set(own.map((s) => s.id));
  const neighbourById = new Map<string, Segment>();
  for (const s of input.neighborSegments) if (!ownIds.has(s.id) && !neighbourById.has(s.id)) neighbourById.set(s.id, s);
  const neighbours = [...neighbourById.values()].sort(compareSegments);
  const segs = [...own, ...neighbours];
  const index = new Map(segs.map((s, i) => [s.id, i] as const));
  const n = segs.length;

  // Ties by (to, from), as stores send them; otherwise a sorted copy.
  let ties = input.localSupplies;
  for (let i = 1; i < ties.length; i++) {
    const a = ties[i - 1]!;
    const b = ties[i]!;
    if (a.to > b.to || (a.to === b.to && a.from > b.from)) {
      ties = [...ties].sort((x, y) => cmp(x.to, y.to) || cmp(x.from, y.from)); // stable: a pair's first tie stays first
      break;
    }
  }
  const buyerIds = stringList();
  for (let k = 0; k < ties.length; k++) {
    const to = ties[k]!.to;
    if (buyerIds.length === 0 || buyerIds[buyerIds.length - 1] !== to) buyerIds.push(to);
  }
  const clusterAnchorIds = stringList();
  for (let k = 0; k < input.anchors.length; k++) {
    const a = input.anchors[k]!;
    if (a.clusterId === input.cluster.id) clusterAnchorIds.push(a.firmId);
  }
  const anchorIds = sortedDistinct(clusterAnchorIds);
  const ctx: LocalContext = { tree, home, index, n, config, anchorIds, buyerIds };
  // Local firms: the store sends firms in the home region or below; firms
  // outside that subtree are ignored so a wrong set cannot pass for local.
  // Stores send firms sorted by id (so without duplicates): one pass indexes
  // them; only when they are not is the list de-duplicated, sorted and indexed again.
  let local = indexLocalFirms(ctx, input.localFirms, true);
  if (!local) {
    const unique = new Map<string, LocalFirm>();
    for (const f of input.localFirms) if (tree.isWithin(f.regionId, home) && !unique.has(f.id)) unique.set(f.id, f);
    local = indexLocalFirms(ctx, [...unique.values()].sort(byId), false)!;
  }
  const { localBySeg, firstLocal, anchorsBySeg, localAnchors, localAnchorSegs, buyerSegs, sizeSum, highTech, specialized, listed } = local;

  // A store total below the local count would be inconsistent; local firms are part of the store.
  const totalById = new Map<string, number>();
  for (const c of input.segmentCounts) totalById.set(c.segmentId, Math.max(totalById.get(c.segmentId) ?? 0, c.total));
  const total = segs.map((s, i) => Math.max(totalById.get(s.id) ?? 0, localBySeg[i]!.length));

  // FEEDS deduplicated by (from, to) keeping the heaviest weight, read out in (from, to) order.
  const seen = new Uint8Array(n * n);
  const weight = new Float64Array(n * n);
  for (const f of input.feeds) {
    const from = index.get(f.from);
    const to = index.get(f.to);
    if (from === undefined || to === undefined || from === to) continue;
    const k = from * n + to;
    if (!seen[k] || f.weight > weight[k]!) {
      seen[k] = 1;
      weight[k] = f.weight;
    }
  }
  const feeds: { from: number; to: number; w: number }[] = [];
  for (let k = 0; k < n * n; k++) if (seen[k]) feeds.push({ from: Math.floor(k / n), to: k % n, w: weight[k]! });
  const out: { to: number; w: number }[][] = segs.map(() => []);
  const inWeight = new Array<number>(n).fill(0);
  for (const e of feeds) {
    out[e.from]!.push({ to: e.to, w: e.w });
    inWeight[e.to] = inWeight[e.to]! + e.w;
  }

  return {
    input, config, tree, homeRegionId: home, segs, ownCount: own.length, index, localBySeg, firstLocal, ties, buyerIds, buyerSegs,
    localAnchors, anchorsBySeg, localAnchorSegs, sizeSum, highTech, specialized, listed, total, feeds, out, inWeight,
  };
}

// ---------------------------------------------------------------- strength

/** A factor of a score: contribution = weight × x (x is the value itself for strength, normalised for criticality). */
function contribution(factor: string, code: string, value: number, weight: number, x: number, zh: string, en: string): Contribution {
  return { factor, value, weight, contribution: weight * x, explanation: explain(code, zh, en) };
}

interface StrengthResult {
  strength: number;
  parts: Contribution[];
}

function segmentStrength(p: Prepared, i: number): StrengthResult {
  const w = p.config.strength;
  const firms = p.localBySeg[i]!;
  const size = p.sizeSum[i]!;
  const highTech = p.highTech[i]!;
  const specialized = p.specialized[i]!;
  const listed = p.listed[i]!;
  const anchors = p.anchorsBySeg[i]!.length;
  const sizeText = num(size);
  // Codes: STRENGTH_ + the factor in capitals.
  const parts = [
    contribution('count', 'STRENGTH_COUNT', firms.length, w.count, firms.length, `本地企业${firms.length}家`, `${firms.length} local firm(s)`),
    contribution('size', 'STRENGTH_SIZE', size, w.size, size, `规模分合计${sizeText}(按营收/人员规模档)`, `size score ${sizeText} (revenue/employee bands)`),
    contribution('highTech', 'STRENGTH_HIGHTECH', highTech, w.highTech, highTech, `高新技术企业${highTech}家`, `${highTech} high-tech firm(s)`),
    contribution('specialized', 'STRENGTH_SPECIALIZED', specialized, w.specialized, specialized, `专精特新企业${specialized}家`, `${specialized} 专精特新 (specialised & innovative) firm(s)`),
    contribution('listed', 'STRENGTH_LISTED', listed, w.listed, listed, `上市企业${listed}家`, `${listed} listed firm(s)`),
    contribution('anchor', 'STRENGTH_ANCHOR', anchors, w.anchor, anchors, `链主企业${anchors}家`, `${anchors} anchor firm(s) (链主)`),
  ];
  let strength = 0;
  for (const c of parts) strength += c.contribution;
  return { strength, parts };
}

// ---------------------------------------------------------------- RCA

/**
 * RCA = (local_s / localPairs) / bench_s. bench_s = total_s / allPairs, or, for
 * a segment with a published national count, its national share within the
 * set K of assessed segments that have one, rescaled to the store's share of K:
 *   bench_s = (national_s / Σ_K national) × (Σ_K total / allPairs).
 */
function revealedComparativeAdvantage(p: Prepared): number[] {
  const { allPairs, localPairs } = p.input.totals;
  let kNational = 0;
  let kTotal = 0;
  p.segs.forEach((s, i) => {
    if (s.nationalFirmCount !== undefined) {
      kNational += s.nationalFirmCount;
      kTotal += p.total[i]!;
    }
  });
  return p.segs.map((s, i) => {
    const local = p.localBySeg[i]!.length;
    if (local === 0 || localPairs <= 0) return 0;
    let bench: number;
    if (allPairs <= 0) bench = 0;
    else if (s.nationalFirmCount !== undefined) bench = kNational > 0 ? (s.nationalFirmCount / kNational) * (kTotal / allPairs) : 0;
    else bench = p.total[i]! / allPairs;
    const localShare = local / localPairs;
    return bench > 0 ? Math.min(p.config.rcaCap, localShare / bench) : p.config.rcaCap;
  });
}

// ---------------------------------------------------------------- relatedness

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Relatedness {
  /** n×n, symmetric, 0 on the diagonal. */
  r: Float64Array;
  adjacency: Float64Array;
  phi: Float64Array;
  shared: Float64Array;
}

function relatedness(p: Prepared): Relatedness {
  const n = p.segs.length;
  const adjacency = new Float64Array(n * n);
  for (const e of p.feeds) {
    const a = e.from * n + e.to;
    const b = e.to * n + e.from;
    adjacency[a] = Math.max(adjacency[a]!, e.w);
    adjacency[b] = Math.max(adjacency[b]!, e.w);
  }

  // Co-location φ: a segment is present in a city with ≥ colocationMinFirms firms
  // there. One bit per city per segment; co-occurrence = popcount(AND).
  const min = p.config.relatedness.colocationMinFirms;
  const cityIndex = new Map<string, number>();
  const rcs = p.input.regionCounts;
  const segOf = new Int32Array(rcs.length).fill(-1);
  const cityOf = new Int32Array(rcs.length);
  // Stores send the counts grouped by segment: look a segment up once per run.
  let lastSeg: string | undefined;
  let lastIndex: number | undefined;
  for (let k = 0; k < rcs.length; k++) {
    const rc = rcs[k]!;
    if (rc.segmentId !== lastSeg) {
      lastSeg = rc.segmentId;
      lastIndex = p.index.get(rc.segmentId);
    }
    const i = lastIndex;
    if (i === undefined || rc.count < min) continue;
    let c = cityIndex.get(rc.regionId);
    if (c === undefined) cityIndex.set(rc.regionId, (c = cityIndex.size));
    segOf[k] = i;
    cityOf[k] = c;
  }
  const words = Math.ceil(cityIndex.size / 32);
  const bits = new Uint32Array(n * words);
  for (let k = 0; k < rcs.length; k++) {
    const i = segOf[k]!;
    if (i < 0) continue;
    const c = cityOf[k]!;
    bits[i * words + (c >>> 5)] = bits[i * words + (c >>> 5)]! | (1 << (c & 31));
  }
  const ubiquity = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < words; k++) ubiquity[i] = ubiquity[i]! + popcount(bits[i * words + k]!);
  const phi = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = Math.max(ubiquity[i]!, ubiquity[j]!);
      if (m === 0) continue;
      let co = 0;
      for (let k = 0; k < words; k++) co += popcount(bits[i * words + k]! & bits[j * words + k]!);
      phi[i * n + j] = phi[j * n + i] = co / m;
    }

  // Shared firms: firms in both / min(total_s, total_t).
  const shared = new Float64Array(n * n);
  const pcs = p.input.pairCounts;
  for (let k = 0; k < pcs.length; k++) {
    const pc = pcs[k]!;
    const i = p.index.get(pc.a);
    const j = p.index.get(pc.b);
    if (i === undefined || j === undefined || i === j) continue;
    const m = Math.min(p.total[i]!, p.total[j]!);
    const v = m > 0 ? Math.min(1, pc.count / m) : 0;
    shared[i * n + j] = Math.max(shared[i * n + j]!, v);
    shared[j * n + i] = Math.max(shared[j * n + i]!, v);
  }

  const w = p.config.relatedness;
  const sum = w.feeds + w.colocation + w.sharedFirms;
  const r = new Float64Array(n * n);
  if (sum > 0) for (let k = 0; k < n * n; k++) r[k] = (w.feeds * adjacency[k]! + w.colocation * phi[k]! + w.sharedFirms * shared[k]!) / sum;
  return { r, adjacency, phi, shared };
}

// ---------------------------------------------------------------- criticality

/**
 * W(s,·): the strongest dependence of each downstream segment on s, the
 * maximum over FEEDS paths of Π weights × hopDecay^(hops−1). Every step
 * multiplies by a factor ≤ 1, so a best-first search settles each segment once
 * (cycles end there); ties settle the lower index first, so it is deterministic.
 */
function downstreamWeights(p: Prepared, src: number, all: Float64Array, done: Uint8Array): Float64Array {
  const n = p.segs.length;
  const decay = p.config.criticality.hopDecay;
  // Row `src` of one n×n table (a view: one buffer per call, not one per segment); `done` is scratch.
  const best = all.subarray(src * n, (src + 1) * n);
  done.fill(0);
  done[src] = 1;
  for (const e of p.out[src]!) best[e.to] = Math.max(best[e.to]!, e.w);
  for (;;) {
    let pick = -1;
    let value = 0;
    for (let i = 0; i < n; i++)
      if (!done[i] && best[i]! > value) {
        value = best[i]!;
        pick = i;
      }
    if (pick < 0) break;
    done[pick] = 1;
    for (const e of p.out[pick]!) if (!done[e.to]) best[e.to] = Math.max(best[e.to]!, value * decay * e.w);
  }
  best[src] = 0;
  return best;
}

interface CriticalityResult {
  criticality: number;
  parts: Contribution[];
  /** Numbers the action reasons quote. */
  downstreamCount: number;
  localDownstreamCount: number;
  reach: number;
  dependentAnchors: LocalFirm[];
  soleSupplierOf: number;
  directDownstream: number;
}

function criticalities(p: Prepared, presence: number[]): CriticalityResult[] {
  const n = p.segs.length;
  const cw = p.config.criticality;
  const all = new Float64Array(n * n);
  const done = new Uint8Array(n);
  const W = p.segs.map((_, i) => downstreamWeights(p, i, all, done));
  const anchorSegs = p.localAnchorSegs;

  const raw = W.map((w, s) => {
    let reach = 0;
    let demand = 0;
    let downstreamCount = 0;
    let localDownstreamCount = 0;
    for (let t = 0; t < n; t++) {
      if (w[t]! <= 0) continue;
      reach += w[t]!;
      demand += w[t]! * presence[t]!;
      downstreamCount++;
      if (p.localBySeg[t]!.length > 0) localDownstreamCount++;
    }
    let anchorSum = 0;
    const dependentAnchors: LocalFirm[] = [];
    anchorSegs.forEach((segsOfAnchor, a) => {
      let dep = 0;
      for (const t of segsOfAnchor) if (t !== s) dep = Math.max(dep, w[t]!);
      if (dep > 0) dependentAnchors.push(p.localAnchors[a]!);
      anchorSum += dep;
    });
    const anchors = p.localAnchors.length > 0 ? anchorSum / p.localAnchors.length : 0;
    // Bottleneck over direct downstream segments of the cluster itself (their FEEDS inputs are all known).
    let shareSum = 0;
    let directDownstream = 0;
    let soleSupplierOf = 0;
    for (const e of p.out[s]!) {
      if (e.to >= p.ownCount) continue;
      const share = e.w / p.inWeight[e.to]!;
      shareSum += share;
      directDownstream++;
      if (share >= 1) soleSupplierOf++;
    }
    const bottleneck = directDownstream > 0 ? shareSum / directDownstream : 0;
    return { reach, demand, anchors, bottleneck, downstreamCount, localDownstreamCount, dependentAnchors, soleSupplierOf, directDownstream };
  });

  let maxReach = 0;
  let maxDemand = 0;
  for (const r of raw) {
    maxReach = Math.max(maxReach, r.reach);
    maxDemand = Math.max(maxDemand, r.demand);
  }
  const sumW = cw.reach + cw.localDemand + cw.anchors + cw.bottleneck;
  const norm = (w: number) => (sumW > 0 ? w / sumW : 0);

  return raw.map((r) => {
    const reachN = maxReach > 0 ? r.reach / maxReach : 0;
    const demandN = maxDemand > 0 ? r.demand / maxDemand : 0;
    // Codes: CRITICALITY_ + the factor in capitals, words split by _.
    const anchorNames = r.dependentAnchors.map(nameZh);
    const anchorNamesEn = r.dependentAnchors.map(nameEn);
    const parts = [
      contribution('reach', 'CRITICALITY_REACH', r.reach, norm(cw.reach), reachN,
        `下游${r.downstreamCount}个环节依赖该环节(加权可达度${num(r.reach)},集群最高的${pct(reachN)})`,
        `${r.downstreamCount} downstream segment(s) depend on it (weighted reach ${num(r.reach)}, ${pct(reachN)} of the cluster's highest)`),
      contribution('localDemand', 'CRITICALITY_LOCAL_DEMAND', r.demand, norm(cw.localDemand), demandN,
        `其中${r.localDownstreamCount}个下游环节本地已有企业(本地需求${num(r.demand)})`,
        `${r.localDownstreamCount} of them already have local firms (local demand ${num(r.demand)})`),
      contribution('anchors', 'CRITICALITY_ANCHORS', r.anchors, norm(cw.anchors), r.anchors,
        r.dependentAnchors.length > 0
          ? `本地链主${r.dependentAnchors.length}家位于其下游:${listZh(anchorNames)}`
          : '本地链主均不在其下游',
        r.dependentAnchors.length > 0
          ? `${r.dependentAnchors.length} local anchor firm(s) (链主) sit downstream: ${listEn(anchorNamesEn)}`
          : 'no local anchor firm (链主) sits downstream'),
      contribution('bottleneck', 'CRITICALITY_BOTTLENECK', r.bottleneck, norm(cw.bottleneck), r.bottleneck,
        r.directDownstream > 0
          ? `直接下游${r.directDownstream}个环节平均${pct(r.bottleneck)}的投入来自该环节,其中${r.soleSupplierOf}个仅依赖该环节`
          : '无本集群直接下游环节',
        r.directDownstream > 0
          ? `its ${r.directDownstream} direct downstream segment(s) take on average ${pct(r.bottleneck)} of their inputs from it; ${r.soleSupplierOf} depend on it alone`
          : 'no direct downstream segment in the cluster'),
    ];
    let criticality = 0;
    for (const c of parts) criticality += c.contribution;
    return {
      criticality,
      parts,
      downstreamCount: r.downstreamCount,
      localDownstreamCount: r.localDownstreamCount,
      reach: r.reach,
      dependentAnchors: r.dependentAnchors,
      soleSupplierOf: r.soleSupplierOf,
      directDownstream: r.directDownstream,
    };
  });
}

// ---------------------------------------------------------------- quadrant

/**
 * RCA = 0 (no local firm): POSSIBLE_ENTRANT. Otherwise by RCA ≥ rcaCut
 * (specialised) × density ≥ densityHigh (supported): STRENGTH (both),
 * THREAT (specialised, unsupported: exposed), OPPORTUNITY (not yet
 * specialised, supported: room to grow), WEAKNESS (neither).
 */
export function quadrantOf(rca: number, density: number, config: GapFinderConfig): Quadrant {
  if (rca <= 0) return 'POSSIBLE_ENTRANT';
  const specialised = rca >= config.quadrant.rcaCut;
  const supported = density >= config.quadrant.densityHigh;
  if (specialised) return supported ? 'STRENGTH' : 'THREAT';
  return supported ? 'OPPORTUNITY' : 'WEAKNESS';
}

const quadrantZh: Record<Quadrant, string> = {
  STRENGTH: '优势区(专业化且关联支撑强)',
  OPPORTUNITY: '机会区(尚未专业化,但关联支撑强)',
  WEAKNESS: '弱势区(未专业化,关联支撑弱)',
  THREAT: '风险区(已专业化,但关联支撑弱)',
  POSSIBLE_ENTRANT: '潜在进入(本地尚无)',
};
const quadrantEn: Record<Quadrant, string> = {
  STRENGTH: 'strength (specialised and well supported)',
  OPPORTUNITY: 'opportunity (not yet specialised, well supported)',
  WEAKNESS: 'weakness (not specialised, poorly supported)',
  THREAT: 'threat (specialised but poorly supported)',
  POSSIBLE_ENTRANT: 'possible entrant (not present locally)',
};

// ---------------------------------------------------------------- weak links and 本地配套率

interface Sourcing {
  tiesTotal: number;
  tiesLocal: number;
  outside: Map<string, number>;
}

/**
 * For each FEEDS edge s→t: known SUPPLIES ties into local buyers operating in t
 * whose supplier operates in s (the tie's segment when it names one, else any
 * of the supplier's segments). A (supplier, buyer) pair counts once per edge.
 * Only counts come out (outside regions are sorted by the caller), so the
 * order of the ties does not matter.
 *
 * p.ties are sorted by (to, from), so a pair's ties are adjacent and are read
 * as runs. Returns, per edge of p.feeds (same positions), its sourcing if any
 * tie matched it.
 */
function sourcingByEdge(p: Prepared): (Sourcing | undefined)[] {
  const n = p.segs.length;
  const result: (Sourcing | undefined)[] = new Array(p.feeds.length).fill(undefined);
  /** Per s·n + t: the position of FEEDS edge s→t in p.feeds, −1 when there is none. */
  const edgeAt = new Int32Array(n * n).fill(-1);
  p.feeds.forEach((e, k) => (edgeAt[e.from * n + e.to] = k));
  const ties = p.ties;
  // Ties of the same (supplier, buyer) pair, so that each pair counts once per edge:
  // `matched` lists the pair's edges, `stamp` marks them with the pair's number.
  // A count over scratch space (`length = 0` would drop an array's storage for every pair): each edge is listed at most once per pair.
  const matched = new Int32Array(p.feeds.length);
  let nMatched = 0;
  const stamp = new Int32Array(p.feeds.length);
  let pair = 0;
  let buyer: string | undefined;
  let b = -1; // position of `buyer` in p.buyerIds (the distinct buyers of p.ties, in order)
  for (let start = 0, end = 0; start < ties.length; start = end) {
    const first = ties[start]!;
    end = start + 1;
    while (end < ties.length && ties[end]!.to === first.to && ties[end]!.from === first.from) end++;
    if (first.to !== buyer) {
      buyer = first.to;
      b++;
    }
    const buyerSegs = p.buyerSegs[b];
    if (buyerSegs === undefined) continue; // not a local buyer
    nMatched = 0;
    pair++;
    for (let k = start; k < end; k++) {
      const tie = ties[k]!;
      const named = tie.segmentId;
      const count = named !== undefined ? 1 : tie.supplierSegmentIds.length;
      for (let j = 0; j < count; j++) {
        const s = p.index.get(named !== undefined ? named : tie.supplierSegmentIds[j]!);
        if (s === undefined) continue;
        for (let bk = 0; bk < buyerSegs.length; bk++) {
          const edge = edgeAt[s * n + buyerSegs[bk]!]!;
          if (edge >= 0 && stamp[edge] !== pair) {
            stamp[edge] = pair;
            matched[nMatched++] = edge;
          }
        }
      }
    }
    if (nMatched === 0) continue;
    const local = p.tree.isWithin(first.supplierRegionId, p.homeRegionId);
    const city = local ? '' : p.tree.cityOf(first.supplierRegionId);
    for (let mk = 0; mk < nMatched; mk++) {
      const edge = matched[mk]!;
      let src = result[edge];
      if (!src) result[edge] = src = { tiesTotal: 0, tiesLocal: 0, outside: new Map() };
      src.tiesTotal++;
      if (local) src.tiesLocal++;
      else src.outside.set(city, (src.outside.get(city) ?? 0) + 1);
    }
  }
  return result;
}

// ---------------------------------------------------------------- the assessment

export function assessCluster(input: ClusterAnalysisInput, config: GapFinderConfig = defaultGapFinderConfig): ClusterAssessment {
  const p = prepare(input, config);
  const n = p.segs.length;

  const strengths = p.segs.map((_, i) => segmentStrength(p, i));
  const statuses = strengths.map((s, i) => segmentStatus(s.strength, p.localBySeg[i]!.length, config));
  const presence = statuses.map((s) => config.presence[s]);
  const rca = revealedComparativeAdvantage(p);
  const rel = relatedness(p);

  const density = p.segs.map((_, s) => {
    let num = 0;
    let den = 0;
    for (let t = 0; t < n; t++) {
      if (t === s) continue;
      const r = rel.r[s * n + t]!;
      num += r * presence[t]!;
      den += r;
    }
    return den > 0 ? num / den : 0;
  });
  const crit = criticalities(p, presence);
  /** Position of each segment in id order; `order` is scratch space for the related lists. */
  const idRank = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  Array.from(order).sort((a, b) => cmp(p.segs[a]!.id, p.segs[b]!.id)).forEach((i, k) => (idRank[i] = k));

  // Thresholds quoted in every segment's reasons, formatted once.
  const strongMinText = num(config.status.strongMin);
  const potentialMinText = num(config.status.potentialMin);
  const rcaCutText = num(config.quadrant.rcaCut);

  const assessments: SegmentAssessment[] = p.segs.map((seg, i) => {
    const local = p.localBySeg[i]!;
    const first = p.firstLocal[i]!;
    const status = statuses[i]!;
    const quadrant = quadrantOf(rca[i]!, density[i]!, config);
    // Most related first, then by id: an insertion sort on numbers (segment ids are unique, so idRank decides ties).
    let m = 0;
    for (let t = 0; t < n; t++) {
      const r = rel.r[i * n + t]!;
      if (t === i || !(r > 0)) continue;
      let j = m++;
      for (; j > 0; j--) {
        const u = order[j - 1]!;
        const ru = rel.r[i * n + u]!;
        if (ru > r || (ru === r && idRank[u]! < idRank[t]!)) break;
        order[j] = u;
      }
      order[j] = t;
    }
    const related: RelatedSegment[] = [];
    for (let k = 0; k < m; k++) {
      const t = order[k]!;
      related.push({ segmentId: p.segs[t]!.id, relatedness: rel.r[i * n + t]!, presence: presence[t]! });
    }
    const strength = strengths[i]!.strength;
    const reasons: Explanation[] = [];
    if (status === 'MISSING') reasons.push(explain('STATUS_MISSING', `${statusZh[status]}:本地暂无企业从事该环节`, 'missing: no local firm operates in this segment'));
    else if (local.length === 1)
      reasons.push(
        explain('SINGLE_FIRM', `${statusZh.WEAK}:仅1家本地企业(${nameZh(first)}),存在单点风险`, `weak: a single local firm (${nameEn(first)}) — a single point of failure`),
      );
    else
      reasons.push(
        explain(
          `STATUS_${status}`,
          `${statusZh[status]}:本地企业${local.length}家,强度${num(strength)}(优势≥${strongMinText},潜力≥${potentialMinText})`,
          `${statusEn[status]}: ${local.length} local firms, strength ${num(strength)} (strong ≥ ${strongMinText}, potential ≥ ${potentialMinText})`,
        ),
      );
    reasons.push(
      explain(
        'RCA',
        `显性比较优势RCA=${num(rca[i]!)}(${rca[i]! >= config.quadrant.rcaCut ? '高于' : '低于'}基准${rcaCutText}${seg.nationalFirmCount !== undefined ? ',以全国企业数为基准' : ''})`,
        `revealed comparative advantage RCA = ${num(rca[i]!)} (${rca[i]! >= config.quadrant.rcaCut ? 'at or above' : 'below'} ${rcaCutText}${seg.nationalFirmCount !== undefined ? ', against national firm counts' : ''})`,
      ),
      explain(
        'RELATEDNESS_DENSITY',
        `关联密度${num(density[i]!)}:相关环节中${pct(density[i]!)}(加权)已在本地;${quadrantZh[quadrant]}`,
        `relatedness density ${num(density[i]!)}: ${pct(density[i]!)} (weighted) of related segments are present locally; ${quadrantEn[quadrant]}`,
      ),
    );
    return {
      segmentId: seg.id,
      clusterId: seg.clusterId,
      localFirmIds: local,
      strength,
      strengthParts: strengths[i]!.parts,
      status,
      singlePointOfFailure: local.length === 1,
      rca: rca[i]!,
      relatednessDensity: density[i]!,
      quadrant,
      related,
      localAnchorFirmIds: p.anchorsBySeg[i]!,
      outsideFirmCount: Math.max(0, p.total[i]! - local.length),
      criticality: crit[i]!.criticality,
      criticalityParts: crit[i]!.parts,
      reasons,
    };
  });

  // ---- links and weak links
  const sourcing = sourcingByEdge(p);
  const links: FeedLink[] = [];
  const weakLinks: WeakLink[] = [];
  for (let k = 0; k < p.feeds.length; k++) {
    const e = p.feeds[k]!;
    const src = sourcing[k];
    const tiesTotal = src?.tiesTotal ?? 0;
    const tiesLocal = src?.tiesLocal ?? 0;
    const ratio = tiesTotal > 0 ? tiesLocal / tiesTotal : null;
    const fromStatus = statuses[e.from]!;
    const toStatus = statuses[e.to]!;
    const weak = (toStatus === 'STRONG' || toStatus === 'POTENTIAL') && (fromStatus === 'MISSING' || fromStatus === 'WEAK');
    const from = p.segs[e.from]!;
    const to = p.segs[e.to]!;
    links.push({ from: from.id, to: to.id, weight: e.w, weakLink: weak, localSourcingRatio: ratio, tiesTotal, tiesLocal });
    if (!weak) continue;
    const outsideSupplierRegions = [...(src?.outside ?? new Map<string, number>()).entries()]
      .map(([regionId, ties]) => ({ regionId, ties }))
      .sort((a, b) => b.ties - a.ties || cmp(a.regionId, b.regionId));
    const reasons = [
      explain(
        'WEAK_LINK',
        `下游${segZh(to, to.id)}本地${statusZh[toStatus]},上游${segZh(from, from.id)}本地${statusZh[fromStatus]}(供给权重${num(e.w)})`,
        `downstream ${segEn(to, to.id)} is ${statusEn[toStatus]} locally while upstream ${segEn(from, from.id)} is ${statusEn[fromStatus]} (flow weight ${num(e.w)})`,
      ),
    ];
    if (ratio !== null)
      reasons.push(
        explain(
          'LOCAL_SOURCING_RATIO',
          `本地配套率${pct(ratio)}:已知${tiesTotal}条供货关系中${tiesLocal}条来自本地`,
          `local sourcing ratio (本地配套率) ${pct(ratio)}: ${tiesLocal} of ${tiesTotal} known supply ties are local`,
        ),
      );
    if (outsideSupplierRegions.length > 0)
      reasons.push(
        explain(
          'OUTSIDE_SUPPLIERS',
          `目前主要从${listZh(outsideSupplierRegions.map((r) => `${p.tree.nameZh(r.regionId)}(${r.ties})`))}采购`,
          `today bought mainly from ${listEn(outsideSupplierRegions.map((r) => `${p.tree.nameEn(r.regionId)} (${r.ties})`))}`,
        ),
      );
    weakLinks.push({ from: from.id, to: to.id, fromStatus, toStatus, weight: e.w, localSourcingRatio: ratio, tiesTotal, tiesLocal, outsideSupplierRegions, reasons });
  }

  // ---- actions (补链 / 强链 / 延链 / 造链)
  const own = assessments.slice(0, p.ownCount);
  const noLocalBase = own.length > 0 && own.every((a) => a.status === 'MISSING');
  const fw = config.feasibility;
  const actions: ChainAction[] = [];
  const weakLinksFrom = new Map<string, WeakLink[]>();
  for (const wl of weakLinks) weakLinksFrom.set(wl.from, [...(weakLinksFrom.get(wl.from) ?? []), wl]);

  function action(kind: ActionKind, i: number, lead: Explanation[]): ChainAction {
    const a = assessments[i]!;
    const seg = p.segs[i]!;
    const availability = Math.min(1, a.outsideFirmCount / fw.availabilitySaturation);
    const feasibility = weightedMean([
      { w: fw.density, x: a.relatednessDensity },
      { w: fw.availability, x: availability },
    ]);
    const pw = config.priority[kind];
    const priority = 100 * weightedMean([
      { w: pw.criticality, x: a.criticality },
      { w: pw.feasibility, x: feasibility },
    ]);
    const c = crit[i]!;
    const weightSum = pw.criticality + pw.feasibility;
    const divisor = Math.abs(weightSum - 1) < 1e-9 ? '' : `÷${num(weightSum)}`;
    const reasons: Explanation[] = [...lead];
    if (c.downstreamCount > 0)
      reasons.push(
        explain(
          'DOWNSTREAM_REACH',
          `下游${c.downstreamCount}个环节依赖该环节,其中${c.localDownstreamCount}个本地已有企业`,
          `${c.downstreamCount} downstream segment(s) depend on it, ${c.localDownstreamCount} of them with local firms`,
        ),
      );
    if (c.dependentAnchors.length > 0)
      reasons.push(
        explain(
          'ANCHOR_DEPENDENCE',
          `本地链主${listZh(c.dependentAnchors.map(nameZh))}在其下游(以商引商)`,
          `local anchor firm(s) ${listEn(c.dependentAnchors.map(nameEn))} sit downstream (以商引商: anchors draw suppliers)`,
        ),
      );
    if (c.soleSupplierOf > 0)
      reasons.push(
        explain('BOTTLENECK', `${c.soleSupplierOf}个直接下游环节仅依赖该环节供给`, `${c.soleSupplierOf} direct downstream segment(s) depend on it alone`),
      );
    for (const wl of weakLinksFrom.get(seg.id) ?? []) {
      const to = p.segs[p.index.get(wl.to)!]!;
      reasons.push(
        explain(
          'WEAK_LINK',
          `${segZh(seg, seg.id)}→${segZh(to, to.id)}为断点${wl.localSourcingRatio !== null ? `,本地配套率${pct(wl.localSourcingRatio)}` : ''}`,
          `${segEn(seg, seg.id)} → ${segEn(to, to.id)} is a weak link${wl.localSourcingRatio !== null ? `, local sourcing ratio ${pct(wl.localSourcingRatio)}` : ''}`,
        ),
      );
    }
    reasons.push(
      explain('OUTSIDE_FIRMS', `区外有${a.outsideFirmCount}家企业从事该环节,可供招引`, `${a.outsideFirmCount} firm(s) outside the district operate in it (the pool to attract from)`),
      explain(
        'RELATEDNESS_DENSITY',
        `关联密度${num(a.relatednessDensity)}:相关环节中${pct(a.relatednessDensity)}已在本地`,
        `relatedness density ${num(a.relatednessDensity)}: ${pct(a.relatednessDensity)} of related segments are present locally`,
      ),
      explain(
        'PRIORITY',
        `优先级${num(priority)} = 100×(${num(pw.criticality)}×关键度${num(a.criticality)} + ${num(pw.feasibility)}×可行度${num(feasibility)})${divisor}`,
        `priority ${num(priority)} = 100×(${num(pw.criticality)}×criticality ${num(a.criticality)} + ${num(pw.feasibility)}×feasibility ${num(feasibility)})${divisor}`,
      ),
    );
    return { kind, segmentId: seg.id, priority, criticality: a.criticality, feasibility, reasons };
  }

  for (let i = 0; i < p.ownCount; i++) {
    const a = assessments[i]!;
    const seg = p.segs[i]!;
    if (a.status === 'MISSING' && noLocalBase)
      actions.push(
        action('CREATE', i, [
          explain('NO_LOCAL_BASE', `造链:本集群在本地尚无企业,从${segZh(seg, seg.id)}起步`, `造链 create: the cluster has no local firm yet; start with ${segEn(seg, seg.id)}`),
        ]),
      );
    else if (a.status === 'MISSING')
      actions.push(action('FILL', i, [explain('MISSING_SEGMENT', `补链:本地暂无企业从事${segZh(seg, seg.id)}`, `补链 fill: no local firm operates in ${segEn(seg, seg.id)}`)]));
    else if (a.status === 'WEAK')
      actions.push(
        action('STRENGTHEN', i, [
          a.singlePointOfFailure
            ? explain('SINGLE_FIRM', `强链:${segZh(seg, seg.id)}仅1家本地企业,存在单点风险`, `强链 strengthen: ${segEn(seg, seg.id)} has a single local firm — a single point of failure`)
            : explain(
                'WEAK_SEGMENT',
                `强链:${segZh(seg, seg.id)}本地企业${a.localFirmIds.length}家,强度${num(a.strength)}低于潜力线${potentialMinText}`,
                `强链 strengthen: ${segEn(seg, seg.id)} has ${a.localFirmIds.length} local firms, strength ${num(a.strength)} below the potential line ${potentialMinText}`,
              ),
        ]),
      );
  }
  if (!noLocalBase)
    for (let i = p.ownCount; i < n; i++) {
      if (assessments[i]!.status !== 'MISSING') continue;
      // Adjacent (FEEDS either way) to a segment of this cluster that has local firms.
      const anchorsOfExtension = p.feeds
        .filter((e) => (e.from === i && e.to < p.ownCount) || (e.to === i && e.from < p.ownCount))
        .map((e) => (e.from === i ? e.to : e.from))
        .filter((j) => p.localBySeg[j]!.length > 0);
      if (anchorsOfExtension.length === 0) continue;
      const seg = p.segs[i]!;
      const names = [...new Set(anchorsOfExtension)].sort((a, b) => a - b).map((j) => p.segs[j]!);
      actions.push(
        action('EXTEND', i, [
          explain(
            'ADJACENT_TO',
            `延链:${segZh(seg, seg.id)}(其他产业集群)与本地已有的${listZh(names.map((s) => segZh(s, s.id)))}上下游相连,本地尚无`,
            `延链 extend: ${segEn(seg, seg.id)} (another cluster) is FEEDS-adjacent to local ${listEn(names.map((s) => segEn(s, s.id)))} and not present locally`,
          ),
        ]),
      );
    }
  actions.sort((a, b) => b.priority - a.priority || actionOrder[a.kind] - actionOrder[b.kind] || cmp(a.segmentId, b.segmentId));

  const counts: Record<SegmentStatus, number> = { STRONG: 0, POTENTIAL: 0, WEAK: 0, MISSING: 0 };
  for (const a of own) counts[a.status]++;

  return {
    clusterId: input.cluster.id,
    homeRegionId: input.homeRegionId,
    segments: own,
    neighborSegments: assessments.slice(p.ownCount),
    weakLinks,
    links,
    actions,
    counts,
    noLocalBase,
  };
}
