// The Neo4j store's query builders are pure: the filter decides which fixed
// fragments are used, and every user value travels as a parameter. (The
// contract suite runs these queries on a real Neo4j.)
import { describe, expect, it } from 'vitest';
import { findFirmsQuery, searchQuery } from '../../server/store/neo4j/cypher.js';

const evil = `x'}) DETACH DELETE n //`;

describe('findFirmsQuery', () => {
  it('puts every filter value in parameters, never in the text', () => {
    const q = findFirmsQuery({
      clusterId: evil, segmentId: evil, regionIds: [evil], home: { ids: [evil], local: false },
      ownership: evil, originId: evil, tag: evil, text: evil,
    });
    for (const text of [q.page, q.count]) {
      expect(text).not.toContain(evil);
      expect(text).not.toMatch(/DETACH|DELETE/);
    }
    expect(q.params).toEqual({
      clusterId: evil, segmentId: evil, regionIds: [evil], homeIds: [evil], ownership: evil, originId: evil, tag: evil, text: evil,
    });
  });

  it('starts from the narrowest anchor: a segment, a cluster, else all firms', () => {
    expect(findFirmsQuery({ segmentId: 's', clusterId: 'c' }).count).toMatchInlineSnapshot(`
      "MATCH (:Segment {id: $segmentId})<-[:OPERATES_IN]-(f:Firm)
      WHERE EXISTS { (f)-[:OPERATES_IN]->(:Segment {clusterId: $clusterId}) }
      RETURN count(f) AS n"
    `);
    expect(findFirmsQuery({ clusterId: 'c', home: { ids: ['h'], local: true } }).page).toMatchInlineSnapshot(`
      "MATCH (:Segment {clusterId: $clusterId})<-[:OPERATES_IN]-(f:Firm)
      WHERE f.regionId IN $homeIds
        AND f.id > $after
      WITH DISTINCT f ORDER BY f.id LIMIT $limit
      RETURN f {.id, .uscc, .nameZh, .nameEn, .regionId, .ownership, .originId, .listed, .highTech, .specialized, .revenueBand, .employeesBand, .tags, .illustrative, .sourceId, .confidence, segs: [(f)-[o:OPERATES_IN]->(s:Segment) | {segmentId: s.id, primary: o.primary, ord: o.ord}]} AS p"
    `);
    expect(findFirmsQuery({}).count).toBe('MATCH (f:Firm)\nRETURN count(f) AS n'); // the count store
  });
});

describe('searchQuery', () => {
  it('search reads the text only from $q / $py', () => {
    for (const withPinyin of [true, false]) {
      const text = searchQuery(withPinyin);
      expect(text.match(/\$\w+/g)!.every((p) => ['$q', '$py', '$limit'].includes(p))).toBe(true);
      expect(text.includes('$py')).toBe(withPinyin);
    }
  });
});
