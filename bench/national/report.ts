// The printed table and the JSON summary of a benchmark run.
import type { Timing } from './measure.ts';

export const TARGET_MS = 300;

export interface Row {
  id: string;
  what: string;
  timing: Timing;
  /** Held to the target (county roll-up + balance of every flow under 300 ms). */
  target?: boolean;
}

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export function table(rows: readonly Row[]): string {
  const head = ['scenario', 'median ms', 'p95 ms', '× baseline', 'target', 'got'];
  const body = rows.map((r) => [
    r.id,
    f1(r.timing.median),
    f1(r.timing.p95),
    r.timing.ratio === undefined ? '1' : r.timing.ratio.toFixed(1),
    r.target ? (r.timing.median < TARGET_MS ? `< ${TARGET_MS} ok` : `< ${TARGET_MS} MISS`) : '',
    r.timing.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function summaryRow(r: Row) {
  return {
    id: r.id,
    what: r.what,
    medianMs: round(r.timing.median),
    p95Ms: round(r.timing.p95),
    minMs: round(r.timing.min),
    runsMs: r.timing.runs.map(round),
    ratioToBaseline: r.timing.ratio === undefined ? 1 : round(r.timing.ratio),
    got: r.timing.detail,
    ...(r.target ? { targetMs: TARGET_MS, meetsTarget: r.timing.median < TARGET_MS } : {}),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
