// The GraphQL the page sends, with the shapes it reads back. Field lists are
// kept to what the views show.
import { gql } from './graphql.js';

export type Tier = 'INTERNATIONAL' | 'NATIONAL' | 'HIGH_GROWTH';
export type Status = 'STRONG' | 'POTENTIAL' | 'WEAK' | 'MISSING';
export type StageName = 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM' | 'SUPPORT';
export type ActionKind = 'FILL' | 'STRENGTHEN' | 'EXTEND' | 'CREATE';
export type QuadrantName = 'STRENGTH' | 'OPPORTUNITY' | 'WEAKNESS' | 'THREAT' | 'POSSIBLE_ENTRANT';

export interface Words {
  zh: string;
  en: string;
}
export interface Named {
  nameZh: string;
  nameEn?: string | null;
}
export interface Counts {
  strong: number;
  potential: number;
  weak: number;
  missing: number;
}

export interface ClusterRow extends Named {
  id: string;
  tier: Tier;
}
export interface ClusterList {
  clusters: ClusterRow[];
  homeRegion: Named & { id: string };
}

export function fetchClusters(): Promise<ClusterList> {
  return gql<ClusterList>(`{ clusters { id nameZh nameEn tier } homeRegion { id nameZh nameEn } }`);
}

export interface ClusterSummary {
  counts: Counts;
  noLocalBase: boolean;
}

/** Status counts of every cluster in one request (one aliased `gaps` per cluster; each is cached server-side). */
export async function fetchClusterSummaries(ids: readonly string[]): Promise<Map<string, ClusterSummary>> {
  if (ids.length === 0) return new Map();
  const fields = ids.map((id, i) => `c${i}: gaps(clusterId: ${JSON.stringify(id)}) { counts { strong potential weak missing } noLocalBase }`);
  const data = await gql<Record<string, ClusterSummary>>(`{ ${fields.join(' ')} }`);
  return new Map(ids.map((id, i) => [id, data[`c${i}`]!]));
}

// ---------------------------------------------------------------- chain map

export interface ChainMapNodeData {
  id: string;
  kind: 'SEGMENT' | 'NEIGHBOR' | 'FIRM';
  labelZh: string;
  labelEn: string;
  clusterId: string | null;
  stage: StageName | null;
  order: number | null;
  status: Status | null;
  criticality: number | null;
  localFirmCount: number | null;
  anchor: boolean;
  singlePointOfFailure: boolean | null;
  action: ActionKind | null;
  firmId: string | null;
}
export interface ChainMapEdgeData {
  id: string;
  source: string;
  target: string;
  kind: 'FEEDS' | 'OPERATES_IN';
  weight: number | null;
  weakLink: boolean;
  localSourcingRatio: number | null;
}
export interface ChainMap {
  clusterId: string;
  nodes: { data: ChainMapNodeData }[];
  edges: { data: ChainMapEdgeData }[];
  counts: Counts;
  noLocalBase: boolean;
}

export const CHAIN_MAP_QUERY = `query ChainMap($id: ID!, $firms: Boolean) { chainMap(clusterId: $id, withFirms: $firms) {
  clusterId counts { strong potential weak missing } noLocalBase
  nodes { data { id kind labelZh labelEn clusterId stage order status criticality localFirmCount anchor singlePointOfFailure action firmId } }
  edges { data { id source target kind weight weakLink localSourcingRatio } } } }`;

export async function fetchChainMap(clusterId: string, withFirms: boolean): Promise<ChainMap> {
  return (await gql<{ chainMap: ChainMap }>(CHAIN_MAP_QUERY, { id: clusterId, firms: withFirms })).chainMap;
}

// ---------------------------------------------------------------- gaps

export interface FirmBrief extends Named {
  id: string;
  illustrative: boolean;
}
export interface SegmentAssessment {
  segmentId: string;
  clusterId: string;
  segment: Named & { stage: StageName; cluster: Named & { id: string } };
  status: Status;
  strength: number;
  criticality: number;
  rca: number;
  relatednessDensity: number;
  quadrant: QuadrantName;
  singlePointOfFailure: boolean;
  localAnchorFirmIds: string[];
  outsideFirmCount: number;
  localFirms: FirmBrief[];
  reasons: Words[];
}
export interface WeakLink {
  from: string;
  to: string;
  fromStatus: Status;
  toStatus: Status;
  weight: number;
  localSourcingRatio: number | null;
  reasons: Words[];
}
export interface ChainAction {
  kind: ActionKind;
  segmentId: string;
  priority: number;
  reasons: Words[];
}
export interface Gaps {
  clusterId: string;
  cluster: Named & { id: string; descriptionZh?: string | null; descriptionEn?: string | null };
  homeRegion: Named & { id: string };
  segments: SegmentAssessment[];
  neighborSegments: SegmentAssessment[];
  weakLinks: WeakLink[];
  actions: ChainAction[];
  counts: Counts;
  noLocalBase: boolean;
}

const SEGMENT_FIELDS = `segmentId clusterId status strength criticality rca relatednessDensity quadrant singlePointOfFailure
  localAnchorFirmIds outsideFirmCount segment { nameZh nameEn stage cluster { id nameZh nameEn } }
  localFirms { id nameZh nameEn illustrative } reasons { zh en }`;

export async function fetchGaps(clusterId: string): Promise<Gaps> {
  const q = `query Gaps($id: ID!) { gaps(clusterId: $id) {
    clusterId cluster { id nameZh nameEn descriptionZh descriptionEn } homeRegion { id nameZh nameEn }
    segments { ${SEGMENT_FIELDS} } neighborSegments { ${SEGMENT_FIELDS} }
    weakLinks { from to fromStatus toStatus weight localSourcingRatio reasons { zh en } }
    actions { kind segmentId priority reasons { zh en } }
    counts { strong potential weak missing } noLocalBase } }`;
  return (await gql<{ gaps: Gaps }>(q, { id: clusterId })).gaps;
}

// ---------------------------------------------------------------- targets, projects

export interface Factor {
  factor: string;
  value: number;
  weight: number;
  contribution: number;
  explanation: Words;
}
export interface Target {
  firmId: string;
  score: number;
  firm: FirmBrief & { region: Named; ownership: string };
  factors: Factor[];
}
export interface StrongRegion {
  regionId: string;
  count: number;
  share: number;
  yrd: boolean;
  region: Named | null;
}
export interface TargetList {
  segmentId: string;
  targets: Target[];
  strongRegions: StrongRegion[];
}

export async function fetchTargets(segmentId: string, limit = 10, signal?: AbortSignal): Promise<TargetList> {
  const q = `query Targets($id: ID!, $limit: Int) { recommendTargets(segmentId: $id, limit: $limit) {
    segmentId targets { firmId score firm { id nameZh nameEn illustrative ownership region { nameZh nameEn } }
      factors { factor value weight contribution explanation { zh en } } }
    strongRegions { regionId count share yrd region { nameZh nameEn } } } }`;
  return (await gql<{ recommendTargets: TargetList }>(q, { id: segmentId, limit }, signal)).recommendTargets;
}

export interface ProjectRow extends Named {
  id: string;
  status: string;
  investmentYi: number | null;
  signedOn: string | null;
  illustrative: boolean;
  firm: FirmBrief | null;
}

export async function fetchProjects(segmentId: string, signal?: AbortSignal): Promise<ProjectRow[]> {
  const q = `query Projects($id: ID!) { projects(segmentId: $id) { id nameZh nameEn status investmentYi signedOn illustrative
    firm { id nameZh nameEn illustrative } } }`;
  return (await gql<{ projects: ProjectRow[] }>(q, { id: segmentId }, signal)).projects;
}

/**
 * Adds a target to the attraction pipeline as a 线索 (lead). Needs the project
 * mutation of the API issue: `createProject(input: ProjectInput!): Project!`
 * with `{ nameZh, firmId, segmentIds, status }`, editor role (Bearer token).
 */
export async function createLeadProject(input: { nameZh: string; nameEn?: string; firmId: string; segmentIds: string[] }): Promise<{ id: string }> {
  const q = `mutation AddLead($input: ProjectInput!) { createProject(input: $input) { id } }`;
  return (await gql<{ createProject: { id: string } }>(q, { input: { ...input, status: 'LEAD' } })).createProject;
}

// ---------------------------------------------------------------- what-if, search

export interface WhatIf {
  statusChanges: { segmentId: string; from: Status; to: Status }[];
  weakLinksClosed: { from: string; to: string }[];
  weakLinksOpened: { from: string; to: string }[];
  landedFirmIds: string[];
  alreadyLocalFirmIds: string[];
  after: { counts: Counts; segments: { segmentId: string; status: Status }[]; weakLinks: { from: string; to: string }[] };
}

export async function fetchWhatIf(clusterId: string, firmIds: string[], signal?: AbortSignal): Promise<WhatIf> {
  const q = `query WhatIf($id: ID!, $firms: [ID!]!) { whatIf(clusterId: $id, landFirmIds: $firms) {
    statusChanges { segmentId from to } weakLinksClosed { from to } weakLinksOpened { from to }
    landedFirmIds alreadyLocalFirmIds
    after { counts { strong potential weak missing } segments { segmentId status } weakLinks { from to } } } }`;
  return (await gql<{ whatIf: WhatIf }>(q, { id: clusterId, firms: firmIds }, signal)).whatIf;
}

export interface SearchHit extends Named {
  kind: 'FIRM' | 'SEGMENT' | 'CLUSTER';
  id: string;
  clusterId: string | null;
  firm: { local: boolean; illustrative: boolean; segments: { primary: boolean; segment: { id: string; clusterId: string } }[] } | null;
}

export async function search(text: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const q = `query Search($text: String!) { search(text: $text, limit: 12) { kind id nameZh nameEn clusterId
    firm { local illustrative segments { primary segment { id clusterId } } } } }`;
  return (await gql<{ search: SearchHit[] }>(q, { text }, signal)).search;
}
