// The deficit choropleth's numbers: one measure at a time (factor, basis, unit of measure, since different
// units are never added), symmetric classed breaks around zero, and a diverging colour-blind-safe palette
// (ColorBrewer PuOr: orange = net outflow, purple = net inflow).
import type { Basis, BalanceRow } from './flow-json.ts';

export interface Measure {
  factor: string;
  basis: Basis;
  unit: string;
}
export const measureKey = (m: Measure) => `${m.factor}|${m.basis}|${m.unit}`;

/** Every measure the balance answer has figures for, the one covering most units first. */
export function measuresIn(rows: readonly BalanceRow[]): Measure[] {
  const seen = new Map<string, { m: Measure; n: number }>();
  for (const r of rows) {
    if (r.net === null || !r.unit) continue;
    const m = { factor: r.factor, basis: r.basis, unit: r.unit };
    const k = measureKey(m);
    const e = seen.get(k) ?? { m, n: 0 };
    e.n++;
    seen.set(k, e);
  }
  return [...seen.values()].sort((a, b) => b.n - a.n || measureKey(a.m).localeCompare(measureKey(b.m))).map((e) => e.m);
}

export const PALETTE = ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'] as const;

/** Two significant figures, so a break reads as a number a person would write. */
export function roundBreak(v: number): number {
  if (v === 0) return 0;
  const p = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 1);
  return Math.round(v / p) * p;
}

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

/**
 * Four breaks [-b2, -b1, b1, b2] making five classes: strong outflow, outflow, near balance, inflow,
 * strong inflow. b1 and b2 are the terciles of |net| (capped, see below), so each side uses its classes.
 */
export function symmetricBreaks(values: readonly number[]): number[] {
  const abs = values.map(Math.abs).sort((a, b) => a - b);
  if (abs.length === 0 || abs[abs.length - 1] === 0) return [];
  // Capped at a third and two thirds of the largest |net|, so with few units (or one) the strongest still
  // reaches the outer class instead of reading as "near balance".
  const max = abs[abs.length - 1]!;
  let b1 = roundBreak(Math.min(quantile(abs, 1 / 3), max / 3));
  let b2 = roundBreak(Math.min(quantile(abs, 2 / 3), (2 * max) / 3));
  if (b1 <= 0) b1 = roundBreak(abs.find((v) => v > 0)!) / 2;
  if (b2 <= b1) b2 = b1 * 2;
  return [-b2, -b1, b1, b2];
}

/** Class 0…4 for five breaks; a value on a break belongs to the class nearer zero. */
export function classOf(value: number, breaks: readonly number[]): number {
  if (breaks.length === 0) return 2;
  const [nb2, nb1, b1, b2] = breaks as [number, number, number, number];
  if (value < nb2) return 0;
  if (value < nb1) return 1;
  if (value <= b1) return 2;
  if (value <= b2) return 3;
  return 4;
}

export interface Choropleth {
  measure: Measure;
  perResident: boolean;
  breaks: number[];
  /** unit code → class index into PALETTE */
  classes: Map<string, number>;
  values: Map<string, number>;
  counts: number[];
}

export function buildChoropleth(rows: readonly BalanceRow[], measure: Measure, perResident: boolean): Choropleth {
  const values = new Map<string, number>();
  for (const r of rows) {
    if (r.factor !== measure.factor || r.basis !== measure.basis || r.unit !== measure.unit) continue;
    const v = perResident ? r.netPerResident : r.net;
    if (v !== null) values.set(r.code, v);
  }
  const breaks = symmetricBreaks([...values.values()]);
  const classes = new Map<string, number>();
  const counts = PALETTE.map(() => 0);
  for (const [code, v] of values) {
    const c = classOf(v, breaks);
    classes.set(code, c);
    counts[c]!++;
  }
  return { measure, perResident, breaks, classes, values, counts };
}

/** The legend's range text per class, from the same breaks the map uses. */
export function classRanges(breaks: readonly number[], fmt: (v: number) => string): string[] {
  if (breaks.length === 0) return ['', '', '0', '', ''];
  const [nb2, nb1, b1, b2] = breaks.map(fmt) as [string, string, string, string];
  return [`< ${nb2}`, `${nb2} – ${nb1}`, `${nb1} – ${b1}`, `${b1} – ${b2}`, `> ${b2}`];
}
