// Cypher text of the Neo4j store. Pure: queries are built from fixed fragments
// chosen by which filter fields are present; every value a user supplies goes
// in as a parameter, never into the text (tests/store/neo4jCypher.test.ts
// snapshots the builders; the contract suite runs them on a real Neo4j).
import { bands } from '../../domain/model.js';
import { FIRM_FIELDS, FIRM_NODE_PROPS, SUPPLY_FIELDS } from './records.js';

/**
 * A firm node `v` as a map of its record fields (not the search keys kept next
 * to them) with its OPERATES_IN rows (see records.fromProps.firm): a local-firm
 * list at 1M firms is ~12k of these, so what crosses Bolt matters.
 */
export const firmMap = (v: string) =>
  `${v} {${FIRM_FIELDS.map((k) => `.${k}`).join(', ')}, segs: [(${v})-[o:OPERATES_IN]->(s:Segment) | {segmentId: s.id, primary: o.primary, ord: o.ord}]}`;

/** A written firm `f`'s LOCATED_IN and OPERATES_IN, from its import row (upsertFirms). */
const FIRM_LINKS = `
    CALL (f, row) { MATCH (r:Region {id: row.props.regionId}) CREATE (f)-[:LOCATED_IN]->(r) }
    CALL (f, row) {
      UNWIND row.segs AS sg
      MATCH (s:Segment {id: sg.segmentId})
      CREATE (f)-[:OPERATES_IN {primary: sg.primary, ord: sg.ord}]->(s)
    }`;

/** Band rank as in buildInput.compareProminence: XS = 1 … XL = 5, unknown = 0. */
const bandRank = (prop: string) =>
  `CASE ${prop} ${bands.map((b, i) => `WHEN '${b}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;

/** The SUPPLIES ties bought by f: [supplier id, SUPPLY_FIELDS values…, supplier region, [[segment id, ord]…]]. */
const BOUGHT = `[(a:Firm)-[r:SUPPLIES]->(f) | [a.id, ${SUPPLY_FIELDS.map((k) => `r.${k}`).join(', ')}, a.regionId, [(a)-[o:OPERATES_IN]->(x) | [x.id, o.ord]]]]`;

/**
 * A home firm f as a row [id, code, segs, ties] (localFirms.decodeHomeFirms).
 * `code` packs the size bands (rank 0–5, bandRank), the designations and the
 * region (the index in $homeIds): revenue + 8·employees + 64·highTech +
 * 128·specialized + 256·listed + 512·region. `segs`: all its OPERATES_IN,
 * [segment id, primary, ord]. Names are read apart, for the few firms the
 * gap finder names.
 */
const HOME_FIRM_ROW = (ties: string) => `[f.id,
      ${bandRank('f.revenueBand')} + 8 * ${bandRank('f.employeesBand')}
        + CASE WHEN f.highTech THEN 64 ELSE 0 END + CASE WHEN f.specialized THEN 128 ELSE 0 END
        + CASE WHEN f.listed THEN 256 ELSE 0 END + 512 * $regionIndex[f.regionId],
      segs,
      ${ties}]`;

export const Q = {
  // ---------------------------------------------------------------- reads
  homeSubtree: `
    MATCH (h:Region {id: $regionId})
    OPTIONAL MATCH (d:Region)-[:IN*0..]->(h)
    RETURN h.id AS home, collect(DISTINCT d.id) AS ids`,
  cluster: `MATCH (c:Cluster {id: $id}) RETURN properties(c) AS p`,
  clusters: `MATCH (c:Cluster) RETURN properties(c) AS p ORDER BY c.seq`,
  segmentsAll: `MATCH (s:Segment) RETURN properties(s) AS p ORDER BY s.seq`,
  segmentsOfCluster: `MATCH (s:Segment {clusterId: $clusterId}) RETURN properties(s) AS p ORDER BY s.seq`,
  segmentsById: `UNWIND $ids AS id MATCH (s:Segment {id: id}) RETURN properties(s) AS p`,
  feedsAll: `MATCH (a:Segment)-[r:FEEDS]->(b:Segment) RETURN a.id AS from, b.id AS to, properties(r) AS p ORDER BY r.seq`,
  // Two index-backed halves instead of `a.id IN $ids OR b.id IN $ids`.
  feedsTouching: `
    MATCH (a:Segment)-[r:FEEDS]->(b:Segment) WHERE a.id IN $ids
    RETURN a.id AS from, b.id AS to, properties(r) AS p
    UNION
    MATCH (a:Segment)-[r:FEEDS]->(b:Segment) WHERE b.id IN $ids
    RETURN a.id AS from, b.id AS to, properties(r) AS p`,
  regions: `MATCH (r:Region) RETURN properties(r) AS p ORDER BY r.seq`,
  sources: `MATCH (s:Source) RETURN properties(s) AS p ORDER BY s.seq`,
  firmsById: `UNWIND $ids AS id MATCH (f:Firm {id: id}) RETURN ${firmMap('f')} AS p`,
  firmsOfSegments: `
    UNWIND $segmentIds AS sid
    MATCH (:Segment {id: sid})<-[:OPERATES_IN]-(f:Firm)
    WHERE $homeIds IS NULL OR (f.regionId IN $homeIds) = $local
    RETURN sid, ${firmMap('f')} AS p`,
  suppliesAll: `MATCH (a:Firm)-[r:SUPPLIES]->(b:Firm) RETURN a.id AS from, b.id AS to, properties(r) AS p ORDER BY r.seq`,
  suppliesOfFirm: `
    MATCH (f:Firm {id: $firmId})
    CALL (f) {
      MATCH (f)-[r:SUPPLIES]->(b:Firm) RETURN f.id AS from, b.id AS to, properties(r) AS p, 0 AS side, r.seq AS seq
      UNION ALL
      MATCH (a:Firm)-[r:SUPPLIES]->(f) RETURN a.id AS from, f.id AS to, properties(r) AS p, 1 AS side, r.seq AS seq
    }
    RETURN from, to, p ORDER BY side, seq`,
  anchorsAll: `MATCH (f:Firm)-[r:ANCHORS]->(c:Cluster) RETURN f.id AS firmId, c.id AS clusterId, properties(r) AS p ORDER BY r.seq`,
  anchorsOfCluster: `
    MATCH (f:Firm)-[r:ANCHORS]->(c:Cluster {id: $clusterId})
    RETURN f.id AS firmId, c.id AS clusterId, properties(r) AS p ORDER BY r.seq`,
  project: `MATCH (p:Project {id: $id}) RETURN properties(p) AS p`,
  isEmpty: `MATCH (c:Cluster) RETURN count(c) = 0 AS empty`,
  /** Node and relationship counts, each answered from the count store (constant time). */
  counts: [
    ...['Cluster', 'Segment', 'Firm', 'Region', 'Project', 'Source', 'Audit'].map((l) => [l, `MATCH (n:${l}) RETURN count(n) AS n`] as const),
    ...['HAS_SEGMENT', 'FEEDS', 'PART_OF', 'OPERATES_IN', 'LOCATED_IN', 'IN', 'SUPPLIES', 'ANCHORS', 'FOR_FIRM', 'FILLS', 'FIRMS_IN', 'CO_OCCURS'].map(
      (t) => [t, `MATCH ()-[r:${t}]->() RETURN count(r) AS n`] as const,
    ),
  ],
  dataVersion: `MATCH (m:ChainAtlasMeta {id: $id}) RETURN m.dataVersion AS v`,

  // ---------------------------------------------------------------- analysis (aggregating)
  /** FEEDS edges with an end in the cluster, with the segment at the other end when it belongs to another cluster. */
  feedsOfCluster: `
    MATCH (a:Segment)-[r:FEEDS]->(b:Segment)
    WHERE a.clusterId = $clusterId OR b.clusterId = $clusterId
    RETURN a.id AS from, b.id AS to, properties(r) AS p,
           CASE WHEN a.clusterId = $clusterId THEN null ELSE properties(a) END AS fromOther,
           CASE WHEN b.clusterId = $clusterId THEN null ELSE properties(b) END AS toOther`,
  /**
   * The home subtree's firms as the gap finder reads them (analysis/input.LocalFirm),
   * for every cluster at once (Neo4jStore keeps them per home region and data
   * version: the 12 clusters' calls between writes share one load). Each firm
   * is a list with one string, its id (~35k firms at 1M: every string and
   * nested list is work for the driver): [id, code, segs, ties] (HOME_FIRM_ROW).
   * Firms without a segment are left out (no cluster's scope holds them).
   * Starts from the firm_region index (the home subtree holds a few per cent
   * of all firms). Params: homeIds, regionIndex ({region id: index in homeIds}).
   */
  homeFirms: `
    MATCH (f:Firm) USING INDEX f:Firm(regionId)
    WHERE f.regionId IN $homeIds
    WITH f, [(f)-[o:OPERATES_IN]->(s) | [s.id, o.primary, o.ord]] AS segs
    WHERE size(segs) > 0
    RETURN ${HOME_FIRM_ROW(BOUGHT)} AS p`,
  /**
   * One cluster's part of Q.homeFirms, while the home firms are not loaded: the
   * firms operating in a segment of $scope, the ties only of those operating
   * in one of $own (the cluster's segments). Compares the scoped segments as
   * nodes, so the OPERATES_IN of every home firm (43k for 35k firms at 1M)
   * are followed without reading the segment's id. Params: homeIds, scope,
   * own, regionIndex.
   */
  scopedHomeFirms: `
    MATCH (s:Segment) WHERE s.id IN $scope
    WITH collect(s) AS scoped
    MATCH (f:Firm) USING INDEX f:Firm(regionId)
    WHERE f.regionId IN $homeIds
    MATCH (f)-[:OPERATES_IN]->(s) WHERE s IN scoped
    WITH DISTINCT f
    WITH f, [(f)-[o:OPERATES_IN]->(s) | [s.id, o.primary, o.ord]] AS segs
    RETURN ${HOME_FIRM_ROW(`CASE WHEN any(x IN segs WHERE x[0] IN $own) THEN ${BOUGHT} ELSE [] END`)} AS p`,
  /** Names of the local firms the gap finder names (analysis/buildInput.namedLocalFirmIds). */
  firmNames: `UNWIND $ids AS id MATCH (f:Firm {id: id}) RETURN f.id AS id, f.nameZh AS nameZh, f.nameEn AS nameEn`,
  // Only firms have OPERATES_IN relationships: patterns below leave the firm's
  // label off, so Neo4j reads degrees and counts instead of checking labels.
  /** Firms anywhere per segment: the relationship degree, not a scan of firms. */
  segmentTotals: `
    MATCH (s:Segment) WHERE s.id IN $scope
    RETURN s.id AS segmentId, COUNT { (s)<-[:OPERATES_IN]-() } AS n`,
  // The counts below read the counters kept on write (see counters.ts): a
  // segment has at most one FIRMS_IN per region, a region a few hundred.
  /** Firms per segment located in the home subtree. */
  segmentLocalCounts: `
    MATCH (s:Segment)-[k:FIRMS_IN]->(r:Region)
    WHERE s.id IN $scope AND r.id IN $homeIds
    RETURN s.id AS segmentId, sum(k.n) AS n`,
  /** From the count store (constant time). */
  allPairs: `MATCH ()-[r:OPERATES_IN]->() RETURN count(r) AS n`,
  /** Firm–segment pairs of firms located in the home subtree. */
  localPairs: `
    MATCH (r:Region)<-[k:FIRMS_IN]-()
    WHERE r.id IN $homeIds
    RETURN sum(k.n) AS n`,
  /** Per segment and city-level region (Region.city, computed from the tree at seeding): the counters summed by city. */
  regionCounts: `
    MATCH (s:Segment)-[k:FIRMS_IN]->(r:Region)
    WHERE s.id IN $scope
    RETURN s.id AS segmentId, r.city AS regionId, sum(k.n) AS count`,
  /** Co-occurrence counters with both ends in scope (stored once per pair; the caller orders a < b). */
  pairCounts: `
    MATCH (a:Segment)-[k:CO_OCCURS]->(b:Segment)
    WHERE a.id IN $scope AND b.id IN $scope
    RETURN a.id AS a, b.id AS b, k.n AS count`,
  clusterAnchors: `
    MATCH (f:Firm)-[r:ANCHORS]->(:Cluster {id: $clusterId})
    RETURN f.id AS firmId, properties(r) AS p, CASE WHEN f.regionId IN $homeIds THEN null ELSE ${firmMap('f')} END AS outside`,
  /** Outside firms of a segment, best-known first (buildInput.compareProminence), with their ties to local firms. */
  targetCandidates: `
    MATCH (:Segment {id: $segmentId})<-[:OPERATES_IN]-(f:Firm)
    WHERE NOT f.regionId IN $homeIds
    WITH f, EXISTS { (f)-[:ANCHORS]->(:Cluster) } AS anchor,
         ${bandRank('f.revenueBand')} AS revenue, ${bandRank('f.employeesBand')} AS employees
    ORDER BY anchor DESC, revenue DESC, f.listed DESC, employees DESC, f.confidence DESC, f.id ASC
    LIMIT $limit
    RETURN ${firmMap('f')} AS p,
           [(f)-[:SUPPLIES]->(l:Firm) WHERE l.regionId IN $homeIds | l.id] AS suppliesLocal,
           [(l:Firm)-[:SUPPLIES]->(f) WHERE l.regionId IN $homeIds | l.id] AS buysFromLocal`,
  segmentClusters: `MATCH (s:Segment) WHERE s.id IN $ids RETURN s.id AS id, s.clusterId AS clusterId`,

  // ---------------------------------------------------------------- reference checks (validation)
  existing: {
    source: `UNWIND $ids AS id MATCH (n:Source {id: id}) RETURN n.id AS id`,
    region: `UNWIND $ids AS id MATCH (n:Region {id: id}) RETURN n.id AS id`,
    cluster: `UNWIND $ids AS id MATCH (n:Cluster {id: id}) RETURN n.id AS id`,
    segment: `UNWIND $ids AS id MATCH (n:Segment {id: id}) RETURN n.id AS id`,
    firm: `UNWIND $ids AS id MATCH (n:Firm {id: id}) RETURN n.id AS id`,
    project: `UNWIND $ids AS id MATCH (n:Project {id: id}) RETURN n.id AS id`,
  },
  firmsByUscc: `UNWIND $usccs AS u MATCH (f:Firm {uscc: u}) RETURN u AS uscc, f.id AS id`,

  // ---------------------------------------------------------------- writes
  createSources: `UNWIND $rows AS row CREATE (n:Source) SET n = row.props, n.seq = row.seq`,
  createRegions: `UNWIND $rows AS row CREATE (n:Region) SET n = row.props, n.seq = row.seq`,
  linkRegions: `
    UNWIND $rows AS row
    MATCH (r:Region {id: row.id}), (p:Region {id: row.parentId})
    MERGE (r)-[:IN]->(p)`,
  regionTree: `MATCH (r:Region) RETURN r.id AS id, r.level AS level, r.parentId AS parentId, r.city AS city, r.seq AS seq`,
  setRegionCities: `UNWIND $rows AS row MATCH (r:Region {id: row.id}) SET r.city = row.city`,
  createClusters: `UNWIND $rows AS row CREATE (n:Cluster) SET n = row.props, n.seq = row.seq`,
  createSegments: `
    UNWIND $rows AS row
    MATCH (c:Cluster {id: row.props.clusterId})
    CREATE (c)-[:HAS_SEGMENT]->(s:Segment)
    SET s = row.props, s.seq = row.seq`,
  linkSegmentParents: `
    UNWIND $rows AS row
    MATCH (s:Segment {id: row.id}), (p:Segment {id: row.parentId})
    MERGE (s)-[:PART_OF]->(p)`,
  /** Seeding: a tie is inserted only if absent (ON CREATE), never overwritten. */
  mergeFeeds: `
    UNWIND $rows AS row
    MATCH (a:Segment {id: row.from}), (b:Segment {id: row.to})
    MERGE (a)-[r:FEEDS]->(b)
    ON CREATE SET r = row.props, r.seq = row.seq`,
  seedSupplies: `
    UNWIND $rows AS row
    MATCH (a:Firm {id: row.from}), (b:Firm {id: row.to})
    MERGE (a)-[r:SUPPLIES]->(b)
    ON CREATE SET r = row.props, r.seq = row.seq`,
  seedAnchors: `
    UNWIND $rows AS row
    MATCH (f:Firm {id: row.firmId}), (c:Cluster {id: row.clusterId})
    MERGE (f)-[r:ANCHORS]->(c)
    ON CREATE SET r = row.props, r.seq = row.seq`,
  /**
   * Inserts firms known to be absent (checked in the same write transaction,
   * writes being serialised): CREATE only — no MERGE, no old relationships to
   * look for. Each row is a list: the FIRM_NODE_PROPS values in order, the
   * element id of the firm's region, then [segment element id, primary, ord]
   * per segment (looked up once per statement: a seek by element id takes no
   * index lock, unlike a unique-index seek in a writing query). The property
   * keys are spelled out (not SET f = map), so the planner sees that creating
   * a Firm cannot change what the region and segment reads see: no Eager,
   * rows stream. Returns how many firms were written (a row whose region is
   * gone writes nothing).
   */
  createFirms: `
    UNWIND $rows AS row
    MATCH (r:Region) WHERE elementId(r) = row[${FIRM_NODE_PROPS.length}]
    CREATE (f:Firm {${FIRM_NODE_PROPS.map((k, i) => `${k}: row[${i}]`).join(', ')}})-[:LOCATED_IN]->(r)
    WITH f, row
    CALL (f, row) {
      UNWIND row[${FIRM_NODE_PROPS.length + 1}] AS sg
      MATCH (s:Segment) WHERE elementId(s) = sg[0]
      CREATE (f)-[:OPERATES_IN {primary: sg[1], ord: sg[2]}]->(s)
    }
    RETURN count(f) AS n`,
  /** Element ids of regions and segments (createFirms). */
  elementIds: `
    UNWIND $regionIds AS id MATCH (n:Region {id: id}) RETURN id, elementId(n) AS e, 'region' AS kind
    UNION ALL
    UNWIND $segmentIds AS id MATCH (n:Segment {id: id}) RETURN id, elementId(n) AS e, 'segment' AS kind`,
  /** Inserts or replaces firms: properties, LOCATED_IN and OPERATES_IN (ties, anchors, projects stay). */
  upsertFirms: `
    UNWIND $rows AS row
    MERGE (f:Firm {id: row.props.id})
    SET f += row.props
    WITH f, row
    CALL (f) { MATCH (f)-[old:LOCATED_IN|OPERATES_IN]->() DELETE old }${FIRM_LINKS}
    RETURN count(f) AS n`,
  upsertSources: `
    UNWIND $rows AS row
    MERGE (n:Source {id: row.props.id})
    ON CREATE SET n.seq = row.seq
    SET n += row.props
    RETURN count(n) AS n`,
  putSupplies: `
    UNWIND $rows AS row
    MATCH (a:Firm {id: row.from}), (b:Firm {id: row.to})
    MERGE (a)-[r:SUPPLIES]->(b)
    ON CREATE SET r.seq = row.seq
    SET r += row.props
    RETURN count(r) AS n`,
  putAnchors: `
    UNWIND $rows AS row
    MATCH (f:Firm {id: row.firmId}), (c:Cluster {id: row.clusterId})
    MERGE (f)-[r:ANCHORS]->(c)
    ON CREATE SET r.seq = row.seq
    SET r += row.props
    RETURN count(r) AS n`,
  /** Inserts or replaces projects with their FOR_FIRM and FILLS relationships. */
  upsertProjects: `
    UNWIND $rows AS row
    MERGE (p:Project {id: row.props.id})
    SET p += row.props
    WITH p, row
    CALL (p) { MATCH (p)-[old:FOR_FIRM|FILLS]->() DELETE old }
    CALL (p, row) { MATCH (f:Firm {id: row.props.firmId}) CREATE (p)-[:FOR_FIRM]->(f) }
    CALL (p, row) {
      UNWIND range(0, size(row.props.segmentIds) - 1) AS i
      MATCH (s:Segment {id: row.props.segmentIds[i]})
      CREATE (p)-[:FILLS {ord: i}]->(s)
    }
    RETURN count(p) AS n`,
  /** Seeding creates projects only when absent: the caller filters existing ids first. */
  firmProjects: `MATCH (p:Project {firmId: $id}) RETURN p.id AS id ORDER BY p.id`,
  deleteFirm: `MATCH (f:Firm {id: $id}) DETACH DELETE f RETURN count(*) AS n`,
  removeSupply: `MATCH (:Firm {id: $from})-[r:SUPPLIES]->(:Firm {id: $to}) DELETE r RETURN count(*) AS n`,
  removeAnchor: `MATCH (:Firm {id: $firmId})-[r:ANCHORS]->(:Cluster {id: $clusterId}) DELETE r RETURN count(*) AS n`,
  deleteProject: `MATCH (p:Project {id: $id}) DETACH DELETE p RETURN count(*) AS n`,

  // ---------------------------------------------------------------- audit log
  appendAudit: `
    MERGE (m:ChainAtlasMeta {id: $metaId})
    ON CREATE SET m.dataVersion = 0, m.seq = 0, m.auditSeq = 0
    SET m.auditSeq = coalesce(m.auditSeq, 0) + 1
    CREATE (a:Audit {id: m.auditSeq, at: $at, actor: $actor, action: $action, target: $target, detail: $detail})`,
  listAudit: `
    MATCH (a:Audit) WHERE a.id < $before
    RETURN a.id AS id, a.at AS at, a.actor AS actor, a.action AS action, a.target AS target, a.detail AS detail
    ORDER BY a.id DESC LIMIT $first`,
} as const;

// ==================================================================== analysisInput

/** The rows of a query (its named columns) as one list value, so several queries travel in one round trip. */
const rowsOf = (query: string, columns: string[]) =>
  `COLLECT { CALL () { ${query.trim()} } RETURN {${columns.map((c) => `${c}: ${c}`).join(', ')}} }`;

/** The same with each row as a list of the columns' values, in order (no key strings to decode: for long results). */
const listsOf = (query: string, columns: string[]) =>
  `COLLECT { CALL () { ${query.trim()} } RETURN [${columns.join(', ')}] }`;

/**
 * analysisInput in two round trips. First what the aggregation is scoped by:
 * the cluster, the home subtree (empty list: unknown home region), the
 * cluster's segments, its FEEDS edges (and so the neighbour segments), and the
 * region tree, and the data version first (Neo4jStore keeps the home firms
 * per data version: read before them, in the same transaction, a version can
 * never label older data). Params: clusterId, id (= clusterId), regionId (=
 * home), metaId.
 */
export const analysisScopeQuery = `RETURN
  COLLECT { MATCH (m:ChainAtlasMeta {id: $metaId}) RETURN m.dataVersion } AS version,
  ${rowsOf(Q.cluster, ['p'])} AS cluster,
  ${rowsOf(Q.homeSubtree, ['ids'])} AS home,
  ${rowsOf(Q.segmentsOfCluster, ['p'])} AS segments,
  ${rowsOf(Q.feedsOfCluster, ['from', 'to', 'p', 'fromOther', 'toOther'])} AS feeds,
  ${rowsOf(Q.regions, ['p'])} AS regions`;

/**
 * Then every count and list aggregated over that scope, in one query.
 * Params: clusterId, homeIds, scope (own + neighbour segment ids), and those of Q.localFirms.
 */
export const analysisAggregatesQuery = `RETURN
  ${rowsOf(Q.clusterAnchors, ['firmId', 'p', 'outside'])} AS anchors,
  ${rowsOf(Q.segmentTotals, ['segmentId', 'n'])} AS totals,
  ${rowsOf(Q.segmentLocalCounts, ['segmentId', 'n'])} AS locals,
  ${rowsOf(Q.allPairs, ['n'])} AS allPairs,
  ${rowsOf(Q.localPairs, ['n'])} AS localPairs,
  ${listsOf(Q.regionCounts, ['segmentId', 'regionId', 'count'])} AS regionCounts,
  ${listsOf(Q.pairCounts, ['a', 'b', 'count'])} AS pairCounts`;

/** A query returning rows `p` (as Q.homeFirms), in records of up to $batch rows. */
const inRecords = (query: string) => `CALL () { ${query.trim()} }
WITH collect(p) AS xs
UNWIND range(0, size(xs) - 1, $batch) AS i
RETURN xs[i..i + $batch] AS rows`;

/**
 * Q.homeFirms and Q.scopedHomeFirms in records of up to $batch firms. Not one
 * list in one record: the driver reads a record larger than a Bolt chunk (64
 * KiB) through a buffer that looks up every byte across the chunks, which at
 * 1M firms (~1 MB of local firms) cost more CPU than decoding the values;
 * records of a few hundred firms fit in one.
 */
export const analysisHomeFirmsQuery = inRecords(Q.homeFirms);
export const analysisScopedHomeFirmsQuery = inRecords(Q.scopedHomeFirms);

// ==================================================================== findFirms

export interface FirmQueryFilter {
  clusterId?: string;
  segmentId?: string;
  /** The subtree of FirmFilter.regionId (resolved first; empty when unknown). */
  regionIds?: string[];
  /** The home subtree and which side of it, when FirmFilter.local is given. */
  home?: { ids: string[]; local: boolean };
  ownership?: string;
  originId?: string;
  tag?: string;
  /** Trimmed, lower-cased; absent when empty. */
  text?: string;
}

/**
 * findFirms as two queries over the same MATCH: one page (sorted by id, after
 * the cursor, one extra row to know whether a next page exists) and the total
 * count. The MATCH starts from the narrowest anchor the filter offers: a
 * segment, a cluster's segments, else firms (where the planner picks the
 * region or text index).
 */
export function findFirmsQuery(filter: FirmQueryFilter): { page: string; count: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  let match: string;
  if (filter.segmentId !== undefined) {
    match = 'MATCH (:Segment {id: $segmentId})<-[:OPERATES_IN]-(f:Firm)';
    params.segmentId = filter.segmentId;
    if (filter.clusterId !== undefined) {
      where.push('EXISTS { (f)-[:OPERATES_IN]->(:Segment {clusterId: $clusterId}) }');
      params.clusterId = filter.clusterId;
    }
  } else if (filter.clusterId !== undefined) {
    match = 'MATCH (:Segment {clusterId: $clusterId})<-[:OPERATES_IN]-(f:Firm)';
    params.clusterId = filter.clusterId;
  } else {
    match = 'MATCH (f:Firm)';
  }
  if (filter.regionIds !== undefined) {
    where.push('f.regionId IN $regionIds');
    params.regionIds = filter.regionIds;
  }
  if (filter.home !== undefined) {
    where.push(filter.home.local ? 'f.regionId IN $homeIds' : 'NOT f.regionId IN $homeIds');
    params.homeIds = filter.home.ids;
  }
  if (filter.ownership !== undefined) {
    where.push('f.ownership = $ownership');
    params.ownership = filter.ownership;
  }
  if (filter.originId !== undefined) {
    where.push('f.originId = $originId');
    params.originId = filter.originId;
  }
  if (filter.tag !== undefined) {
    where.push('$tag IN f.tags');
    params.tag = filter.tag;
  }
  if (filter.text !== undefined) {
    where.push('(f.nameZhLower CONTAINS $text OR f.nameEnLower CONTAINS $text OR f.idLower CONTAINS $text)');
    params.text = filter.text;
  }
  const whereAll = (extra: string[]) => {
    const all = [...where, ...extra];
    return all.length ? `\nWHERE ${all.join('\n  AND ')}` : '';
  };
  // Only a cluster's several segments can yield a firm twice.
  const distinct = filter.clusterId !== undefined && filter.segmentId === undefined ? 'DISTINCT ' : '';
  return {
    // `f.id > $after` ('' on the first page): a range over the id index, read in index order.
    page:
      `${match}${whereAll(['f.id > $after'])}\n` +
      `WITH ${distinct}f ORDER BY f.id LIMIT $limit\n` +
      `RETURN ${firmMap('f')} AS p`,
    count: `${match}${whereAll([])}\nRETURN count(${distinct}f) AS n`,
    params,
  };
}

// ==================================================================== search

const textScore = (prop: string) =>
  `CASE WHEN n.${prop} = $q THEN 100 WHEN n.${prop} STARTS WITH $q THEN 80 WHEN n.${prop} CONTAINS $q THEN 60 ELSE 0 END`;

/** nameSearch.pinyinScore in Cypher (pyStarts: offsets of the syllables in pyFull). */
const pinyinScore = `
  CASE
    WHEN n.pyFull = $py OR n.pyInitials = $py THEN 75
    WHEN n.pyFull STARTS WITH $py OR n.pyInitials STARTS WITH $py THEN 65
    WHEN any(p IN n.pyStarts WHERE substring(n.pyFull, p, size($py)) = $py) THEN 45
    WHEN size($py) >= 2 AND n.pyInitials CONTAINS $py THEN 40
    ELSE 0
  END`;

/**
 * Name search scored exactly as the embedded NameIndex (nameSearch.ts): exact
 * name 100 > prefix 80 > pinyin 75/65/45/40 > substring 60 (text scores: the
 * best of Chinese name, English name, id; pinyin only when the text score is
 * below 75), then clusters before segments before firms, shorter Chinese
 * names first, then id. Candidates come from one index-friendly CONTAINS per
 * property (UNION), so a query never scores every firm.
 */
export function searchQuery(withPinyin: boolean): string {
  const props = ['nameZhLower', 'nameEnLower', 'idLower', ...(withPinyin ? ['pyFull', 'pyInitials'] : [])];
  const param = (p: string) => (p.startsWith('py') ? '$py' : '$q');
  const branch = (label: string, rank: number, prop: string) =>
    `MATCH (n:${label}) WHERE n.${prop} CONTAINS ${param(prop)} RETURN n, ${rank} AS kindRank`;
  const branches = [
    // Clusters and segments are a few hundred nodes: one branch each.
    `MATCH (n:Cluster) WHERE ${props.map((p) => `n.${p} CONTAINS ${param(p)}`).join(' OR ')} RETURN n, 0 AS kindRank`,
    `MATCH (n:Segment) WHERE ${props.map((p) => `n.${p} CONTAINS ${param(p)}`).join(' OR ')} RETURN n, 1 AS kindRank`,
    ...props.map((p) => branch('Firm', 2, p)),
  ];
  const text = `reduce(m = 0, x IN [${textScore('nameZhLower')}, ${textScore('nameEnLower')}, ${textScore('idLower')}] | CASE WHEN x > m THEN x ELSE m END)`;
  const score = withPinyin
    ? `CASE WHEN ts < 75 AND ps > ts THEN ps ELSE ts END`
    : 'ts';
  return `CALL () {
  ${branches.join('\n  UNION\n  ')}
}
WITH n, kindRank, ${text} AS ts${withPinyin ? `, ${pinyinScore} AS ps` : ''}
WITH n, kindRank, ${score} AS score
WHERE score > 0
RETURN kindRank, n.id AS id, n.nameZh AS nameZh, n.nameEn AS nameEn, n.clusterId AS clusterId, score, n.nameZhLength AS len
ORDER BY score DESC, kindRank ASC, len ASC, id ASC
LIMIT $limit`;
}
