// The order the plan lists its 12 clusters in (DESIGN.md "The 12 clusters"):
// by tier, international → national → high growth, and within a tier as the
// plan names them. Clusters the plan does not name follow their tier's own, by id.
import type { Cluster, Tier } from './model.js';

const tierRank: Record<Tier, number> = { international: 0, national: 1, 'high-growth': 2 };

/** Cluster ids in the plan's listing order (二(二)4–8, 二(三)10–11). */
export const planClusterOrder: readonly string[] = [
  'iot', 'ic', 'equipment', 'components', 'auto-parts', // 物联网, 集成电路, 高端装备, 电子元器件, 汽车零部件
  'materials', 'software', 'biomed', 'eco', 'new-energy', // 新材料, 高端软件, 生物医药及医疗器械, 节能环保, 新能源
  '5g', 'ai', // 5G, 人工智能
];

const position = (id: string) => {
  const i = planClusterOrder.indexOf(id);
  return i < 0 ? planClusterOrder.length : i;
};

export function comparePlanOrder(a: Cluster, b: Cluster): number {
  return tierRank[a.tier] - tierRank[b.tier] || position(a.id) - position(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const inPlanOrder = (clusters: readonly Cluster[]): Cluster[] => [...clusters].sort(comparePlanOrder);
