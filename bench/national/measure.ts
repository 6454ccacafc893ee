// Wall-clock timing. The machine this runs on is shared, so every run of a scenario is paired with a run
// of the baseline just before it, and the ratio is taken per pair: load that comes and goes hits both.
export interface Timing {
  /** Milliseconds of each counted run, in run order. */
  runs: number[];
  median: number;
  /** Nearest-rank 95th percentile: with fewer than 20 runs this is the slowest run. */
  p95: number;
  min: number;
  /** Median of (run ÷ the baseline run just before it); absent for the baseline itself. */
  ratio?: number;
  /** What the last run returned (rows, bytes), for the report. */
  detail: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarise(runs: number[], detail = '', ratios?: number[]): Timing {
  const s = [...runs].sort((a, b) => a - b);
  const p95 = s[Math.max(0, Math.ceil(0.95 * s.length) - 1)]!;
  return { runs, median: median(runs), p95, min: s[0]!, detail, ...(ratios ? { ratio: median(ratios) } : {}) };
}

export async function timeOnce(fn: () => Promise<string>): Promise<{ ms: number; detail: string }> {
  const t = process.hrtime.bigint();
  const detail = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, detail };
}

/**
 * Warm-up runs (not counted), then `runs` pairs of (baseline, scenario). The baseline's own times are
 * handed to onBaseline so that one baseline row can report every baseline run of the benchmark. `before`
 * runs untimed ahead of every run (e.g. a data-version bump, so that a run starts cold).
 */
export async function timePaired(
  fn: () => Promise<string>,
  baseline: () => Promise<string>,
  o: { runs: number; warmup: number; onBaseline?: (ms: number) => void; before?: () => Promise<void> },
): Promise<Timing> {
  let detail = '';
  for (let i = 0; i < o.warmup; i++) {
    await o.before?.();
    detail = await fn();
  }
  const runs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    await o.before?.();
    const b = await timeOnce(baseline);
    o.onBaseline?.(b.ms);
    const r = await timeOnce(fn);
    detail = r.detail;
    runs.push(r.ms);
    ratios.push(r.ms / b.ms);
  }
  return summarise(runs, detail, ratios);
}
