// regionTree keeps the tree of a frozen region list (the embedded store's
// sorted list, shared by every analysis input until the next region write):
// what must hold is that a region write still shows in the next tree.
import { describe, expect, it } from 'vitest';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { regionTree } from '../../server/analysis/regionTree.js';
import { region } from './fixtures.js';

describe('regionTree of a frozen list', () => {
  it('is built once per frozen list; an unfrozen list gets its own tree each time', () => {
    const regions = [region('cn', 'country'), region('p', 'province', 'cn'), region('c', 'city', 'p'), region('d', 'district', 'c')];
    const frozen = Object.freeze([...regions]);
    expect(regionTree(frozen)).toBe(regionTree(frozen));
    expect(regionTree(regions)).not.toBe(regionTree(regions));
    expect(regionTree(frozen).lineage('d')).toEqual(['d', 'c', 'p', 'cn']);
    expect(regionTree(frozen).cityOf('d')).toBe('c');
  });

  it('follows region writes through GraphIndex.sortedRegions (a new frozen list after each write)', () => {
    const g = new GraphIndex();
    for (const r of [region('cn', 'country'), region('p', 'province', 'cn'), region('c1', 'city', 'p'), region('c2', 'city', 'p'), region('d', 'district', 'c1')]) g.putRegion(r);
    const before = g.sortedRegions();
    expect(Object.isFrozen(before)).toBe(true);
    expect(g.sortedRegions()).toBe(before);
    expect(regionTree(before).cityOf('d')).toBe('c1');
    expect(regionTree(before).isWithin('d', 'c2')).toBe(false);

    g.putRegion(region('d', 'district', 'c2'));
    const after = g.sortedRegions();
    expect(after).not.toBe(before);
    expect(regionTree(after).cityOf('d')).toBe('c2');
    expect(regionTree(after).isWithin('d', 'c2')).toBe(true);
    expect(regionTree(after).lineage('d')).toEqual(['d', 'c2', 'p', 'cn']);
    // The old list (an input built before the write) keeps its own answer.
    expect(regionTree(before).cityOf('d')).toBe('c1');
  });
});
