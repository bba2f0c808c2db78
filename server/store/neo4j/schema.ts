// Schema created at start-up, idempotently (IF NOT EXISTS). Community edition
// allows uniqueness constraints and indexes (not existence / node-key
// constraints), which is all this needs.
//
// - A uniqueness constraint on `id` for every node label (it also gives the
//   range index every `{id: $id}` lookup uses).
// - Range indexes on what queries filter by: a segment's cluster, a firm's
//   region (local / subtree filters: `f.regionId IN $regionIds`), a firm's USCC,
//   a project's firm.
// - TEXT indexes (trigram) on the lower-cased names, id and pinyin keys of firms:
//   `search` and `findFirms({text})` are substring matches (CONTAINS), the
//   same semantics as the embedded store, and these indexes serve CONTAINS
//   without scanning every firm.
// - A FULLTEXT index (Lucene, `cjk` analyzer: CJK bigrams plus standard
//   tokens for Latin) over Chinese and English names of firms, segments and
//   clusters, for relevance-ranked word search from Cypher or Neo4j Browser:
//   `CALL db.index.fulltext.queryNodes('chain_atlas_names', '芯片 AND 设计')`.
export const SCHEMA: readonly string[] = [
  ...['Cluster', 'Segment', 'Firm', 'Region', 'Project', 'Source', 'Audit', 'ChainAtlasMeta'].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  ),
  'CREATE INDEX segment_cluster IF NOT EXISTS FOR (n:Segment) ON (n.clusterId)',
  'CREATE INDEX firm_region IF NOT EXISTS FOR (n:Firm) ON (n.regionId)',
  'CREATE INDEX firm_uscc IF NOT EXISTS FOR (n:Firm) ON (n.uscc)',
  'CREATE INDEX project_firm IF NOT EXISTS FOR (n:Project) ON (n.firmId)',
  ...['nameZhLower', 'nameEnLower', 'idLower', 'pyFull', 'pyInitials'].map(
    (prop) => `CREATE TEXT INDEX firm_${prop} IF NOT EXISTS FOR (n:Firm) ON (n.${prop})`,
  ),
  `CREATE FULLTEXT INDEX chain_atlas_names IF NOT EXISTS
   FOR (n:Firm|Segment|Cluster) ON EACH [n.nameZh, n.nameEn]
   OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'cjk'}}`,
];
