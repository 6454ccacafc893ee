// The geometry of the panel's small year chart, computed apart from drawing so it can be checked without a
// browser: points in SVG pixels, the value axis from zero (a bar-free line that starts at zero does not
// exaggerate a 1 % change), and the labels to print.
export interface ChartPoint {
  year: number;
  value: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  points: { x: number; y: number; year: number; value: number }[];
  /** SVG path of the line through the points. */
  path: string;
  yMax: number;
  yMin: number;
  baseline: number;
}

export const CHART_PAD = { left: 8, right: 8, top: 14, bottom: 18 } as const;

export function chartLayout(series: readonly ChartPoint[], width: number, height: number): ChartLayout | null {
  const pts = series.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.year));
  if (pts.length < 2) return null;
  const years = pts.map((p) => p.year);
  const values = pts.map((p) => p.value);
  const x0 = Math.min(...years);
  const x1 = Math.max(...years);
  // Include zero, so the height of the line is proportional to the value (negative values extend below).
  const yMin = Math.min(0, ...values);
  const yMax = Math.max(0, ...values);
  const spanX = x1 - x0 || 1;
  const spanY = yMax - yMin || 1;
  const innerW = width - CHART_PAD.left - CHART_PAD.right;
  const innerH = height - CHART_PAD.top - CHART_PAD.bottom;
  const xOf = (year: number) => CHART_PAD.left + ((year - x0) / spanX) * innerW;
  const yOf = (v: number) => CHART_PAD.top + (1 - (v - yMin) / spanY) * innerH;
  const points = pts.map((p) => ({ x: round(xOf(p.year)), y: round(yOf(p.value)), year: p.year, value: p.value }));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ');
  return { width, height, points, path, yMax, yMin, baseline: round(yOf(0)) };
}

const round = (v: number) => Math.round(v * 10) / 10;
