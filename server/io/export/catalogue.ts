// The 招引指导目录 (investment attraction catalogue) of one cluster as plain
// data: the chain map (segments by stage column, FEEDS edges, status) and one
// row per segment with its status, reasons, priority action (补链 / 强链 / 延链 /
// 造链) and top recommended target firms. A pure function of the gap finder's
// output, so the PDF, the XLSX, the API and the web page all show the same.
import type { ClusterAssessment, Explanation, SegmentAssessment, SegmentStatus, TargetRecommendation, ActionKind } from '../../analysis/types.js';
import { regionTree, type RegionTree } from '../../analysis/regionTree.js';
import type { Cluster, Firm, Region, Segment, Stage } from '../../domain/model.js';
import { actionPalette, stageLabels, stageOrder, statusPalette } from '../../domain/palette.js';

export interface CatalogueTarget {
  firmId: string;
  nameZh: string;
  nameEn?: string;
  regionId: string;
  /** Last two levels below the country ("上海市浦东新区"), or the country for a firm abroad ("日本"). */
  regionZh: string;
  regionEn: string;
  /** 0–100, one decimal. */
  score: number;
  /** The target's two largest score contributions, in words. */
  reasonsZh: string[];
  reasonsEn: string[];
}

export interface CatalogueAction {
  kind: ActionKind;
  labelZh: string;
  labelEn: string;
  /** 0–100, one decimal. */
  priority: number;
  /** 1 = most urgent action of the cluster. */
  rank: number;
  reasons: Explanation[];
}

export interface CatalogueRow {
  segmentId: string;
  /** The segment's own cluster (differs from the catalogue's for 延链 rows). */
  clusterId: string;
  /** A segment of another cluster, adjacent to this chain (延链 candidate). */
  adjacent: boolean;
  nameZh: string;
  nameEn: string;
  stage: Stage;
  stageZh: string;
  stageEn: string;
  status: SegmentStatus;
  statusZh: string;
  statusEn: string;
  localFirmCount: number;
  /** Local firms, 链主 first, at most `localFirmNames`. */
  localFirmsZh: string[];
  outsideFirmCount: number;
  reasons: Explanation[];
  action: CatalogueAction | null;
  targets: CatalogueTarget[];
}

export interface ChainMapNode {
  segmentId: string;
  nameZh: string;
  nameEn: string;
  stage: Stage;
  status: SegmentStatus;
  localFirmCount: number;
  /** Column = index of the stage in stageOrder; order = position within the column (top = 0). */
  column: number;
  order: number;
  action: ActionKind | null;
}

export interface ChainMapEdge {
  from: string;
  to: string;
  weight: number;
  weakLink: boolean;
}

export interface Catalogue {
  clusterId: string;
  clusterNameZh: string;
  clusterNameEn: string;
  titleZh: string;
  titleEn: string;
  /** YYYY-MM-DD */
  generatedOn: string;
  homeRegion: { id: string; nameZh: string; nameEn: string };
  counts: Record<SegmentStatus, number>;
  noLocalBase: boolean;
  map: {
    stages: { stage: Stage; zh: string; en: string; column: number }[];
    nodes: ChainMapNode[];
    edges: ChainMapEdge[];
  };
  /** Own segments by stage (actions first within a stage, by priority), then 延链 rows by priority. */
  rows: CatalogueRow[];
}

export interface CatalogueInput {
  cluster: Cluster;
  assessment: ClusterAssessment;
  /** The cluster's segments and the neighbouring segments the assessment names. */
  segments: readonly Segment[];
  /** Local firms and recommended target firms (others are shown by id). */
  firms: readonly Firm[];
  regions: readonly Region[];
  /** Ranked recommendations per segment id (best first). */
  recommendations: Readonly<Record<string, readonly TargetRecommendation[]>>;
  generatedOn: string;
  topTargets?: number;
  localFirmNames?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function regionLabel(tree: RegionTree, regionId: string): { zh: string; en: string } {
  const lineage = tree.lineage(regionId); // nearest first
  const below = lineage.filter((id) => tree.get(id)?.level !== 'country');
  const shown = below.slice(0, 2).reverse();
  if (shown.length === 0) return { zh: tree.nameZh(regionId), en: tree.nameEn(regionId) };
  return { zh: shown.map((id) => tree.nameZh(id)).join(''), en: [...shown].reverse().map((id) => tree.nameEn(id)).join(', ') };
}

/** Orders each stage column by the mean position of its FEEDS neighbours in the columns already placed (fewer crossings). */
function orderColumns(nodes: ChainMapNode[], edges: ChainMapEdge[]): void {
  const byColumn = stageOrder.map((_, c) => nodes.filter((n) => n.column === c));
  const pos = new Map<string, number>();
  const place = (col: ChainMapNode[], neighbours: (n: ChainMapNode) => string[]) => {
    const keyed = col.map((n, i) => {
      const ps = neighbours(n).map((id) => pos.get(id)).filter((p): p is number => p !== undefined);
      return { n, key: ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Number.POSITIVE_INFINITY, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    keyed.forEach(({ n }, order) => {
      n.order = order;
      pos.set(n.segmentId, col.length > 1 ? order / (col.length - 1) : 0.5);
    });
  };
  const preds = (n: ChainMapNode) => edges.filter((e) => e.to === n.segmentId).map((e) => e.from);
  const succs = (n: ChainMapNode) => edges.filter((e) => e.from === n.segmentId).map((e) => e.to);
  // Upstream keeps its chain order; the next columns follow their suppliers; support follows what it supplies.
  place(byColumn[0]!, () => []);
  place(byColumn[1]!, preds);
  place(byColumn[2]!, preds);
  place(byColumn[3]!, succs);
}

export function buildCatalogue(input: CatalogueInput): Catalogue {
  const { cluster, assessment } = input;
  const topTargets = input.topTargets ?? 3;
  const localNames = input.localFirmNames ?? 5;
  const tree = regionTree(input.regions);
  const segments = new Map(input.segments.map((s) => [s.id, s]));
  const firms = new Map(input.firms.map((f) => [f.id, f]));
  const home = regionLabel(tree, assessment.homeRegionId);

  const ranked = [...assessment.actions].sort((a, b) => b.priority - a.priority);
  const actions = new Map(
    ranked.map((a, i): [string, CatalogueAction] => [
      a.segmentId,
      {
        kind: a.kind,
        labelZh: actionPalette[a.kind].labelZh,
        labelEn: actionPalette[a.kind].labelEn,
        priority: round1(a.priority),
        rank: i + 1,
        reasons: a.reasons,
      },
    ]),
  );

  const row = (a: SegmentAssessment, adjacent: boolean): CatalogueRow => {
    const seg = segments.get(a.segmentId);
    const stage = seg?.stage ?? 'midstream';
    const anchors = new Set(a.localAnchorFirmIds);
    const local = [...a.localFirmIds].sort((x, y) => Number(anchors.has(y)) - Number(anchors.has(x)));
    const action = actions.get(a.segmentId) ?? null;
    const recs = action ? (input.recommendations[a.segmentId] ?? []).slice(0, topTargets) : [];
    return {
      segmentId: a.segmentId,
      clusterId: a.clusterId,
      adjacent,
      nameZh: seg?.nameZh ?? a.segmentId,
      nameEn: seg?.nameEn ?? a.segmentId,
      stage,
      stageZh: stageLabels[stage].zh,
      stageEn: stageLabels[stage].en,
      status: a.status,
      statusZh: statusPalette[a.status].labelZh,
      statusEn: statusPalette[a.status].labelEn,
      localFirmCount: a.localFirmIds.length,
      localFirmsZh: local.slice(0, localNames).map((id) => (firms.get(id)?.nameZh ?? id) + (anchors.has(id) ? '(链主)' : '')),
      outsideFirmCount: a.outsideFirmCount,
      reasons: a.reasons,
      action,
      targets: recs.map((r) => {
        const f = firms.get(r.firmId);
        const where = f ? regionLabel(tree, f.regionId) : { zh: '', en: '' };
        const top = [...r.factors].sort((x, y) => y.contribution - x.contribution).filter((x) => x.contribution > 0).slice(0, 2);
        return {
          firmId: r.firmId,
          nameZh: f?.nameZh ?? r.firmId,
          ...(f?.nameEn ? { nameEn: f.nameEn } : {}),
          regionId: f?.regionId ?? '',
          regionZh: where.zh,
          regionEn: where.en,
          score: round1(r.score),
          reasonsZh: top.map((x) => x.explanation.zh),
          reasonsEn: top.map((x) => x.explanation.en),
        };
      }),
    };
  };

  const stageIndex = (s: Stage) => stageOrder.indexOf(s);
  const ownRows = assessment.segments.map((a) => row(a, false));
  const chainOrder = new Map(ownRows.map((r, i) => [r.segmentId, i]));
  ownRows.sort(
    (x, y) =>
      stageIndex(x.stage) - stageIndex(y.stage) ||
      (y.action?.priority ?? -1) - (x.action?.priority ?? -1) ||
      chainOrder.get(x.segmentId)! - chainOrder.get(y.segmentId)!,
  );
  const extendRows = assessment.neighborSegments
    .filter((a) => actions.has(a.segmentId))
    .map((a) => row(a, true))
    .sort((x, y) => y.action!.priority - x.action!.priority);

  const own = new Set(assessment.segments.map((a) => a.segmentId));
  const nodes: ChainMapNode[] = assessment.segments.map((a) => {
    const seg = segments.get(a.segmentId);
    const stage = seg?.stage ?? 'midstream';
    return {
      segmentId: a.segmentId,
      nameZh: seg?.nameZh ?? a.segmentId,
      nameEn: seg?.nameEn ?? a.segmentId,
      stage,
      status: a.status,
      localFirmCount: a.localFirmIds.length,
      column: stageIndex(stage),
      order: 0,
      action: actions.get(a.segmentId)?.kind ?? null,
    };
  });
  const edges: ChainMapEdge[] = assessment.links
    .filter((l) => own.has(l.from) && own.has(l.to))
    .map((l) => ({ from: l.from, to: l.to, weight: l.weight, weakLink: l.weakLink }));
  orderColumns(nodes, edges);
  nodes.sort((a, b) => a.column - b.column || a.order - b.order);

  return {
    clusterId: cluster.id,
    clusterNameZh: cluster.nameZh,
    clusterNameEn: cluster.nameEn,
    titleZh: `${cluster.nameZh}产业招引地图`,
    titleEn: `${cluster.nameEn}: Investment Attraction Map`,
    generatedOn: input.generatedOn,
    homeRegion: { id: assessment.homeRegionId, nameZh: home.zh, nameEn: home.en },
    counts: { ...assessment.counts },
    noLocalBase: assessment.noLocalBase,
    map: {
      stages: stageOrder.map((stage, column) => ({ stage, zh: stageLabels[stage].zh, en: stageLabels[stage].en, column })),
      nodes,
      edges,
    },
    rows: [...ownRows, ...extendRows],
  };
}
