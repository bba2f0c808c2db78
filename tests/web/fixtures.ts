// A small chainMap answer shaped like the API's (analysis.graphql ChainMap):
// up → mid → down, two support segments, an inflow stub, an outflow stub, a
// stub linked only to support, one local firm.
import type { ChainMap, ChainMapEdgeData, ChainMapNodeData } from '../../web/src/api/queries.js';

const node = (d: Partial<ChainMapNodeData> & Pick<ChainMapNodeData, 'id' | 'kind'>): { data: ChainMapNodeData } => ({
  data: {
    labelZh: `环节${d.id}`,
    labelEn: `Segment ${d.id}`,
    clusterId: 'c',
    stage: null,
    order: null,
    status: null,
    criticality: null,
    localFirmCount: null,
    anchor: false,
    singlePointOfFailure: null,
    action: null,
    firmId: null,
    ...d,
  },
});
const feed = (source: string, target: string, weakLink = false): { data: ChainMapEdgeData } => ({
  data: { id: `feeds:${source}>${target}`, source, target, kind: 'FEEDS', weight: 0.2, weakLink, localSourcingRatio: null },
});

export const smallMap: ChainMap = {
  clusterId: 'c',
  counts: { strong: 1, potential: 1, weak: 1, missing: 2 },
  noLocalBase: false,
  nodes: [
    node({ id: 'up', kind: 'SEGMENT', stage: 'UPSTREAM', order: 0, status: 'STRONG', criticality: 0.9, anchor: true }),
    node({ id: 'mid', kind: 'SEGMENT', stage: 'MIDSTREAM', order: 1, status: 'WEAK', criticality: 0.5 }),
    node({ id: 'down', kind: 'SEGMENT', stage: 'DOWNSTREAM', order: 2, status: 'POTENTIAL', criticality: 0.1 }),
    node({ id: 'equip', kind: 'SEGMENT', stage: 'SUPPORT', order: 3, status: 'MISSING', criticality: 0.4 }),
    node({ id: 'mat', kind: 'SEGMENT', stage: 'SUPPORT', order: 4, status: 'MISSING', criticality: 0 }),
    node({ id: 'x.in', kind: 'NEIGHBOR', clusterId: 'x', stage: 'DOWNSTREAM', order: 5, status: 'STRONG' }),
    node({ id: 'y.out', kind: 'NEIGHBOR', clusterId: 'y', stage: 'UPSTREAM', order: 6, status: 'MISSING' }),
    node({ id: 'z.mat', kind: 'NEIGHBOR', clusterId: 'z', stage: 'MIDSTREAM', order: 7, status: 'WEAK' }),
    node({ id: 'firm:f1', kind: 'FIRM', clusterId: null, labelZh: '示例企业', labelEn: 'Sample Co.', firmId: 'f1', anchor: true }),
  ],
  edges: [
    feed('up', 'mid'),
    feed('mid', 'down'),
    feed('equip', 'mid', true),
    feed('mat', 'mid', true),
    feed('x.in', 'up'),
    feed('down', 'y.out'),
    feed('z.mat', 'mat'),
    { data: { id: 'operates:f1>up', source: 'firm:f1', target: 'up', kind: 'OPERATES_IN', weight: null, weakLink: false, localSourcingRatio: null } },
  ],
};

export const clusterNames = new Map([
  ['x', { nameZh: '集群X', nameEn: 'Cluster X' }],
  ['y', { nameZh: '集群Y', nameEn: 'Cluster Y' }],
  ['z', { nameZh: '集群Z', nameEn: 'Cluster Z' }],
]);
