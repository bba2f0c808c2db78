// The GraphQL requests the benchmark sends: the web app's own chain-map query,
// a gaps summary, and a realistic mix (what a team's browsers send while they
// work: cluster list, chain maps, gap tables, firm pages, search).
import { Prng } from '../synth/prng.js';

/** The web app's query (web/src/api/queries.ts CHAIN_MAP_QUERY), without firms. */
export const CHAIN_MAP = `query ChainMap($id: ID!, $firms: Boolean) { chainMap(clusterId: $id, withFirms: $firms) {
  clusterId counts { strong potential weak missing } noLocalBase
  nodes { data { id kind labelZh labelEn clusterId stage order status criticality localFirmCount anchor singlePointOfFailure action firmId } }
  edges { data { id source target kind weight weakLink localSourcingRatio } } } }`;

/** What the gap table and side panel read. */
export const GAPS = `query Gaps($id: ID!) { gaps(clusterId: $id) {
  clusterId counts { strong potential weak missing } noLocalBase
  segments { segmentId status strength rca relatednessDensity quadrant criticality singlePointOfFailure localFirmIds outsideFirmCount reasons { code zh } }
  weakLinks { from to fromStatus toStatus weight localSourcingRatio tiesTotal tiesLocal }
  actions { kind segmentId priority criticality feasibility reasons { code zh } } } }`;

export const CLUSTERS = `query Clusters { clusters { id nameZh nameEn tier } }`;

export const FIRMS_PAGE = `query Firms($id: ID!) { firms(filter: { clusterId: $id, local: true }, first: 20) {
  totalCount pageInfo { endCursor hasNextPage } edges { node { id nameZh ownership revenueBand region { id nameZh } } } } }`;

export const SEARCH = `query Search($text: String!) { search(text: $text, limit: 20) { kind id nameZh nameEn clusterId } }`;

export const SEARCH_TERMS = ['微电子', '科技', '无锡', 'bandaoti', 'xinwu', '封装', 'software'];

/**
 * The peer's equivalent of a chain map through @neo4j/graphql: the cluster's
 * segments, their FEEDS edges both ways (with the neighbouring segments) and
 * the local firm count per segment — the raw data a chain map is drawn from.
 * (Statuses, criticality and weak links are Chain Atlas's analysis and have no
 * equivalent in an auto-generated API.)
 */
export const PEER_CHAIN_MAP = `query PeerChainMap($id: ID!, $home: [String!]!) {
  clusters(where: { id: { eq: $id } }) {
    id nameZh nameEn
    segments {
      id nameZh nameEn stage clusterId
      feedsConnection { edges { properties { weight } node { id nameZh nameEn clusterId stage } } }
      fedByConnection { edges { properties { weight } node { id nameZh nameEn clusterId stage } } }
      firmsConnection(where: { node: { regionId: { in: $home } } }) { aggregate { count { nodes } } }
    }
  }
}`;

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  /** What the request is, for reports. */
  label: string;
}

export const body = (query: string, label: string, variables?: Record<string, unknown>): GraphQLBody => ({ query, label, ...(variables ? { variables } : {}) });

/**
 * The mix: 15 % cluster list, 35 % chain map, 20 % gaps, 20 % firm pages,
 * 10 % search, over every cluster, in a fixed shuffled order. Firm pages and
 * search only when the server's schema has them (`firms`, `search`).
 */
export function queryMix(clusterIds: string[], has: { firms: boolean; search: boolean }, size = 200): GraphQLBody[] {
  const rng = new Prng(8);
  const out: GraphQLBody[] = [];
  const weights: [number, () => GraphQLBody][] = [
    [15, () => body(CLUSTERS, 'clusters')],
    [35, () => body(CHAIN_MAP, 'chainMap', { id: rng.pick(clusterIds), firms: false })],
    [20, () => body(GAPS, 'gaps', { id: rng.pick(clusterIds) })],
  ];
  if (has.firms) weights.push([20, () => body(FIRMS_PAGE, 'firms', { id: rng.pick(clusterIds) })]);
  if (has.search) weights.push([10, () => body(SEARCH, 'search', { text: rng.pick(SEARCH_TERMS) })]);
  const total = weights.reduce((s, [w]) => s + w, 0);
  for (let i = 0; i < size; i++) {
    let x = rng.next() * total;
    for (const [w, make] of weights) {
      if ((x -= w) < 0) {
        out.push(make());
        break;
      }
    }
  }
  return out;
}
