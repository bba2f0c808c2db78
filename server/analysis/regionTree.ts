// The region tree (country > province > city > district) as the gap finder
// reads it: what is "local", which city a firm counts for, what is 长三角.
import type { Region } from '../domain/model.js';

export interface RegionTree {
  get(id: string): Region | undefined;
  /** The region and its ancestors, nearest first (stops on a broken parent chain). */
  lineage(id: string): readonly string[];
  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean;
  /**
   * The city-level region a firm located in `id` counts for (the unit of
   * co-location φ and of "where they buy from"): the nearest ancestor-or-self at
   * level `city`; a region above city level (a foreign country) stands for itself.
   */
  cityOf(id: string): string;
  /** Top of the lineage (the country). */
  countryOf(id: string): string;
  /** The region or one of its ancestors is flagged 长三角 (Yangtze River Delta). */
  isYrd(id: string): boolean;
  nameZh(id: string): string;
  nameEn(id: string): string;
}

/**
 * Trees of frozen region lists, kept while the list lives: the embedded store
 * hands every analysis input the same frozen list until the next region write
 * (GraphIndex.sortedRegions), so the gap finder does not rebuild the tree and
 * its lineages on every call. A frozen list cannot change under its tree.
 */
const treesOfFrozenLists = new WeakMap<readonly Region[], RegionTree>();

export function regionTree(regions: readonly Region[]): RegionTree {
  if (!Object.isFrozen(regions)) return buildRegionTree(regions);
  let tree = treesOfFrozenLists.get(regions);
  if (!tree) treesOfFrozenLists.set(regions, (tree = buildRegionTree(regions)));
  return tree;
}

function buildRegionTree(regions: readonly Region[]): RegionTree {
  const byId = new Map<string, Region>();
  for (const r of regions) byId.set(r.id, r);
  const lineageCache = new Map<string, string[]>();
  const cityCache = new Map<string, string>();

  function lineage(id: string): readonly string[] {
    const cached = lineageCache.get(id);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur: string | undefined = id;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      chain.push(cur);
      cur = byId.get(cur)?.parentId;
    }
    lineageCache.set(id, chain);
    return chain;
  }

  return {
    get: (id) => byId.get(id),
    lineage,
    isWithin: (id, ancestorId) => lineage(id).includes(ancestorId),
    cityOf(id) {
      let city = cityCache.get(id);
      if (city === undefined) {
        city = lineage(id).find((r) => byId.get(r)?.level === 'city') ?? id;
        cityCache.set(id, city);
      }
      return city;
    },
    countryOf(id) {
      const chain = lineage(id);
      return chain[chain.length - 1] ?? id;
    },
    isYrd: (id) => lineage(id).some((r) => byId.get(r)?.yrd === true),
    nameZh: (id) => byId.get(id)?.nameZh ?? id,
    nameEn: (id) => byId.get(id)?.nameEn ?? id,
  };
}
