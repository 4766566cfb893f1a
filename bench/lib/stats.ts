// Small statistics helpers: the machine is shared and noisy, so every figure is a median of several runs
// and latencies are percentiles of many samples.

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

export function latencySummary(samplesMs: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  return {
    n: samplesMs.length,
    p50: round(percentile(samplesMs, 50), 3),
    p95: round(percentile(samplesMs, 95), 3),
    p99: round(percentile(samplesMs, 99), 3),
    max: round(Math.max(...samplesMs), 3),
  };
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Runs `fn` `runs` times and returns every result plus their median. */
export async function medianOf(runs: number, fn: (run: number) => Promise<number>): Promise<{ median: number; runs: number[] }> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return { median: median(out), runs: out };
}
