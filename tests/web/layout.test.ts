// Pure placement helpers of the chain-map layout, and the ELK options.
import { describe, expect, it } from 'vitest';
import { elkOptions, firmRing, placeSupportRow, stageBands } from '../../web/src/map/layout.js';

describe('ELK options', () => {
  it('is the layered algorithm, left to right, partitioned, one component', () => {
    expect(elkOptions()).toMatchObject({ algorithm: 'layered', 'elk.direction': 'RIGHT', 'elk.partitioning.activate': true, 'elk.separateConnectedComponents': false });
    expect(Number(elkOptions(40)['elk.spacing.nodeNode'])).toBe(Number(elkOptions()['elk.spacing.nodeNode']) + 40);
  });
});

describe('support row', () => {
  const box = (id: string, desiredX: number, w = 120) => ({ id, x: 0, y: 0, w, h: 40, desiredX });

  it('keeps the order of what each one supplies, without overlaps, beneath the given top', () => {
    const pos = placeSupportRow([box('c', 500), box('a', 100), box('b', 110)], 400, 2000, 20);
    const xs = ['a', 'b', 'c'].map((id) => pos.get(id)!.x);
    expect(xs[0]).toBeLessThan(xs[1]!);
    expect(xs[1]).toBeLessThan(xs[2]!);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(140);
    for (const p of pos.values()) expect(p.y).toBeGreaterThanOrEqual(400);
  });

  it('wraps into two rows when one would be far wider than the main row', () => {
    const items = Array.from({ length: 8 }, (_, i) => box(`s${i}`, i * 10));
    const ys = new Set([...placeSupportRow(items, 0, 400, 20).values()].map((p) => p.y));
    expect(ys.size).toBe(2);
    expect(placeSupportRow([], 0, 400).size).toBe(0);
  });
});

describe('firm rings', () => {
  it('places one dot per firm, outside the box, growing rings as needed', () => {
    const few = firmRing(5, 120, 40);
    expect(few.offsets).toHaveLength(5);
    for (const o of few.offsets) expect(Math.abs(o.dx) > 60 || Math.abs(o.dy) > 20).toBe(true);
    expect(few.depth).toBeLessThan(25);
    const many = firmRing(200, 120, 40);
    expect(many.offsets).toHaveLength(200);
    expect(many.radius).toBeGreaterThan(few.radius);
    expect(many.depth).toBeGreaterThan(few.depth);
    expect(firmRing(0, 120, 40)).toMatchObject({ radius: 0, depth: 0 });
  });
});

describe('stage bands', () => {
  it('draws a column per main stage and a row for 支撑 with their labels', () => {
    const bands = stageBands(
      [
        { id: 'u', x: 0, y: 0, w: 100, h: 40, band: 'UPSTREAM' },
        { id: 'm', x: 200, y: 50, w: 100, h: 40, band: 'MIDSTREAM' },
        { id: 's', x: 100, y: 300, w: 100, h: 40, band: 'SUPPORT' },
      ],
      { UPSTREAM: '上游', MIDSTREAM: '中游', SUPPORT: '支撑' },
    );
    expect(bands.map((b) => b.label)).toEqual(['上游', '中游', '支撑']);
    const [u, m, s] = bands;
    expect(u!.x + u!.w / 2).toBeLessThan(m!.x - m!.w / 2 + 1);
    expect(s!.y - s!.h / 2).toBeGreaterThan(u!.y + u!.h / 2);
  });
});
