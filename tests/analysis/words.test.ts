// num(): the explanations' number format. Its shortcuts must print exactly what
// String(Number(x.toFixed(2))) prints; the cases below are worked out by hand
// from the binary value of each literal.
import { describe, expect, it } from 'vitest';
import { num, pct } from '../../server/analysis/words.js';

describe('num', () => {
  it('prints at most 2 decimals without trailing zeros', () => {
    expect(num(3)).toBe('3');
    expect(num(1.75)).toBe('1.75');
    expect(num(0.5)).toBe('0.5');
    expect(num(2 / 3)).toBe('0.67');
    expect(num(1 / 3)).toBe('0.33');
    expect(num(0.001)).toBe('0');
    expect(num(-0.001)).toBe('0'); // "-0.00" parses to -0, which prints as "0"
    expect(num(-2.5)).toBe('-2.5');
    expect(num(1234.5678)).toBe('1234.57');
  });

  it('rounds the exact binary value, as toFixed does, not the literal', () => {
    // 1.005 is stored as 1.00499999999999989…, 2.675 as 2.67499999999999982…
    expect(num(1.005)).toBe('1');
    expect(num(2.675)).toBe('2.67');
    // 0.125 and 0.375 are exact halves of a cent: toFixed rounds them away from zero.
    expect(num(0.125)).toBe('0.13');
    expect(num(0.375)).toBe('0.38');
    expect(num(-0.125)).toBe('-0.13');
    // 1.255 is stored as 1.25499999999999989…
    expect(num(1.255)).toBe('1.25');
  });

  it('large and special values', () => {
    expect(num(12345678.126)).toBe('12345678.13');
    expect(num(1e21)).toBe('1e+21');
    expect(num(-0)).toBe('0');
    expect(num(Number.NaN)).toBe('NaN');
  });
});

describe('num against its definition', () => {
  it('prints exactly String(Number(x.toFixed(2))) on 200k seeded values, half cents ± 1 ulp-ish included', () => {
    // Mulberry32: the same values on every run.
    let seed = 20240601;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const k = Math.floor(rand() * 2_000_000) - 1_000_000;
      values.push(k / 200, k / 200 + 1e-12, k / 200 - 1e-12, (rand() - 0.5) * 10 ** Math.floor(rand() * 9));
    }
    const wrong = values.filter((x) => num(x) !== String(Number(x.toFixed(2))));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('pct', () => {
  it('rounds to whole percent', () => {
    expect(pct(0.5)).toBe('50%');
    expect(pct(2 / 3)).toBe('67%');
    expect(pct(0)).toBe('0%');
  });
});
