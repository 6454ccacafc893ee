// The flows currently drawn, as CSV and GeoJSON files a planner can open elsewhere. Every row keeps its
// basis and sources, so a modelled estimate stays labelled as one outside the atlas too.
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { layoutFlows } from './flow-geometry.ts';
import type { Flow, FlowData } from './flow-json.ts';

export interface ExportRow {
  id: string;
  origin_code: string;
  origin_name_zh: string;
  origin_name_en: string;
  dest_code: string;
  dest_name_zh: string;
  dest_name_en: string;
  factor: string;
  basis: string;
  magnitude: number | null;
  unit: string;
  count: number;
  period: string;
  mechanisms: string;
  source_ids: string;
  source_titles: string;
}

export const CSV_COLUMNS: readonly (keyof ExportRow)[] = [
  'id',
  'origin_code',
  'origin_name_zh',
  'origin_name_en',
  'dest_code',
  'dest_name_zh',
  'dest_name_en',
  'factor',
  'basis',
  'magnitude',
  'unit',
  'count',
  'period',
  'mechanisms',
  'source_ids',
  'source_titles',
];

type Context = Pick<FlowData, 'locations' | 'sources'>;

export function exportRow(f: Flow, ctx: Context): ExportRow {
  const o = ctx.locations.get(f.origin);
  const d = ctx.locations.get(f.dest);
  return {
    id: f.id,
    origin_code: f.origin,
    origin_name_zh: o?.nameZh ?? '',
    origin_name_en: o?.nameEn ?? '',
    dest_code: f.dest,
    dest_name_zh: d?.nameZh ?? '',
    dest_name_en: d?.nameEn ?? '',
    factor: f.factor,
    basis: f.basis,
    magnitude: f.magnitude,
    unit: f.unit ?? '',
    count: f.count,
    period: f.period,
    mechanisms: f.mechanisms.join(';'),
    source_ids: f.sources.join(';'),
    source_titles: f.sources.map((s) => ctx.sources.get(s)?.title ?? s).join('; '),
  };
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: titles come from imported sources, and a crafted one must not execute when opened.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV (CRLF, quoted where needed) behind a UTF-8 byte-order mark: without it Excel reads the
 * file as the local code page and Chinese names turn to mojibake. A documented flow's magnitude is empty,
 * never 0.
 */
export function flowsCsv(flows: readonly Flow[], ctx: Context): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of flows) {
    const row = exportRow(f, ctx);
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Which line a GeoJSON export carries. `straight` (the default, the data): origin → destination, the only
 * geometry the flow itself has. `curve`: the path as the map draws it — bent right of travel, with a lane
 * per flow of the same pair — which depends on which flows are drawn together, so it is cartography, not
 * data; offered for people who want to restyle the map elsewhere.
 */
export type ExportGeometry = 'straight' | 'curve';

export type FlowsGeoJson = FeatureCollection<LineString, ExportRow> & { atlas_geometry: ExportGeometry };

/** Flows whose end has no point are left out; parsing already dropped them. */
export function flowsGeoJson(flows: readonly Flow[], ctx: Context, geometry: ExportGeometry = 'straight'): FlowsGeoJson {
  const curves = geometry === 'curve' ? new Map(layoutFlows(flows, ctx.locations).map((d) => [d.flow.id, d.path])) : null;
  const features: Feature<LineString, ExportRow>[] = [];
  for (const f of flows) {
    const o = ctx.locations.get(f.origin);
    const d = ctx.locations.get(f.dest);
    if (!o || !d) continue;
    const coordinates = curves ? curves.get(f.id) : [[o.lon, o.lat], [d.lon, d.lat]];
    if (!coordinates) continue;
    features.push({ type: 'Feature', id: f.id, geometry: { type: 'LineString', coordinates }, properties: exportRow(f, ctx) });
  }
  // A foreign member (RFC 7946 §6.1) saying which line this is, so a curve file is never taken for the data.
  return { type: 'FeatureCollection', atlas_geometry: geometry, features };
}

/** A file name that says what and when: atlas-flows-2026-11-25.csv. */
export function exportFileName(kind: 'flows' | 'flows-curves' | 'map', ext: 'csv' | 'geojson' | 'png', now: Date = new Date()): string {
  return `atlas-${kind}-${now.toISOString().slice(0, 10)}.${ext}`;
}
