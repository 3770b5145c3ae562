/**
 * Timing helpers for `npm run bench`. Figures are ratios against a baseline measured in the
 * same run on the same machine, so a slow CI box does not turn into a failed target.
 */
export interface Timing {
  samples: number[];
  median: number;
  p95: number;
  mean: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/** A call to time: synchronous (a raw statement) or asynchronous (the dispatcher); either is awaited. */
type Timed = () => unknown;

/** Times `fn` per call in ms, after a warm-up, over `rounds` rounds of `batch` calls (for sub-µs calls). */
export async function time(fn: Timed, opts: { warmup?: number; rounds?: number; batch?: number } = {}): Promise<Timing> {
  const { warmup = 200, rounds = 400, batch = 1 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) await fn();
    samples.push((performance.now() - t0) / batch);
  }
  return summarize(samples);
}

/**
 * Interleaves two functions round by round so that drift (GC, CPU frequency, the other core)
 * hits both alike; returns both timings.
 */
export async function timePair(a: Timed, b: Timed, opts: { warmup?: number; rounds?: number; batch?: number } = {}): Promise<[Timing, Timing]> {
  const { warmup = 500, rounds = 300, batch = 50 } = opts;
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (let i = 0; i < batch; i++) await a();
    sa.push((performance.now() - t0) / batch);
    t0 = performance.now();
    for (let i = 0; i < batch; i++) await b();
    sb.push((performance.now() - t0) / batch);
  }
  return [summarize(sa), summarize(sb)];
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
