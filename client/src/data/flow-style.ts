// Colours and widths of flows and alliances. Factors use the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies); the basis changes the stroke, never the colour.
import type { Basis, Flow } from './flow-json.ts';

export type Rgba = [number, number, number, number];

export const FACTOR_COLOURS: Record<string, string> = {
  labour: '#E69F00',
  land: '#009E73',
  capital: '#0072B2',
  technology: '#CC79A7',
  data: '#56B4E9',
  ecology: '#D55E00',
};
const OTHER_FACTOR = '#555555';
// Near-black: purple would read as the choropleth's net-inflow classes.
export const ALLIANCE_COLOUR = '#262626';

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

export const factorColour = (factor: string): string => FACTOR_COLOURS[factor] ?? OTHER_FACTOR;

/** Modelled flows are drawn lighter than observed ones: an estimate must not look like a measurement. */
export const BASIS_ALPHA: Record<Basis, number> = { observed: 235, modelled: 110, documented: 235 };

export function flowColour(flow: Flow): Rgba {
  return [...hexToRgb(factorColour(flow.factor)), BASIS_ALPHA[flow.basis]];
}

/** Documented flows: one thin uniform (and dashed) width, whatever else is drawn. */
export const DOCUMENTED_WIDTH = 2.5;
export const MIN_WIDTH = 1.5;
export const MAX_WIDTH = 12;

/**
 * Width scales, one per unit of measure: persons and 万元 are never put on one scale. The area of the
 * stroke's cross-section grows with the figure (square root), so large flows do not swamp the map.
 */
export interface WidthScale {
  unit: string;
  max: number;
  width(magnitude: number): number;
}

export function widthScales(flows: readonly Flow[]): Map<string, WidthScale> {
  const max = new Map<string, number>();
  for (const f of flows) if (f.magnitude !== null && f.unit) max.set(f.unit, Math.max(max.get(f.unit) ?? 0, f.magnitude));
  const out = new Map<string, WidthScale>();
  for (const [unit, m] of max) {
    out.set(unit, { unit, max: m, width: (v) => (m > 0 ? MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(Math.max(0, v) / m) : MIN_WIDTH) });
  }
  return out;
}

export function flowWidth(flow: Flow, scales: ReadonlyMap<string, WidthScale>): number {
  if (flow.magnitude === null || !flow.unit) return DOCUMENTED_WIDTH;
  return scales.get(flow.unit)?.width(flow.magnitude) ?? MIN_WIDTH;
}
