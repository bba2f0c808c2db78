// Small numeric helpers for the benchmark: percentiles and timed loops.

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentiles in milliseconds (p99 of fewer than 100 samples is close to the max). */
export function latency(samples: number[]): Latency {
  if (samples.length === 0) return { n: 0, p50: 0, p99: 0, max: 0, mean: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { n: s.length, p50: r2(q(0.5)), p99: r2(q(0.99)), max: r2(s[s.length - 1]!), mean: r2(s.reduce((a, b) => a + b, 0) / s.length) };
}

/** Merges samples of several series (e.g. every cluster) into one distribution. */
export function latencyOf(series: number[][]): Latency {
  return latency(series.flat());
}

export interface SampleBudget {
  /** At most this many timed runs. */
  runs: number;
  /** Stop after this many milliseconds (at least `minRuns` runs). */
  maxMs: number;
  minRuns?: number;
  warmup?: number;
}

/** Times `fn` repeatedly within the budget; returns the samples in ms. */
export async function sample(fn: () => Promise<unknown> | unknown, budget: SampleBudget): Promise<number[]> {
  for (let i = 0; i < (budget.warmup ?? 2); i++) await fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < budget.runs && (out.length < (budget.minRuns ?? 5) || performance.now() - start < budget.maxMs)) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
