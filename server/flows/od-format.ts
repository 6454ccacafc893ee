// Two shapes for the same flows: compact origin–destination JSON (locations + flows, as flowmap.gl
// consumes it) and a GeoJSON FeatureCollection of straight lines. Both keep basis and source on every
// flow, and neither ever gives a documented flow a magnitude.
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { FlowRead, Location, SourceRef } from './flow-read.ts';
import { periodLabel } from './periods.ts';

function locationJson(l: Location) {
  return { id: l.code, name: l.name_zh, name_zh: l.name_zh, name_en: l.name_en, level: l.level, geom_quality: l.geom_quality, lon: l.lon, lat: l.lat };
}

function sourcesJson(sources: SourceRef[]) {
  return Object.fromEntries(sources.map((s) => [s.id, s]));
}

/** One flow object, the same in both shapes. */
function flowObjects(read: FlowRead) {
  if (read.mode === 'records') {
    return read.records.map((r) => ({
      id: String(r.id),
      origin: r.origin,
      dest: r.dest,
      factor: r.factor,
      basis: r.basis,
      magnitude: r.basis === 'documented' ? null : r.canon_magnitude,
      unit: r.basis === 'documented' ? null : r.canon_unit,
      as_recorded: r.basis === 'documented' ? null : { magnitude: r.magnitude, unit: r.unit },
      count: 1,
      period: periodLabel(r.period_start, r.period_end),
      period_start: r.period_start,
      period_end: r.period_end,
      mechanism: r.mechanism,
      integration_type: r.integration_type,
      benefit_linkage: r.benefit_linkage,
      source: r.source_id,
      sources: [r.source_id],
      note: r.note,
    }));
  }
  return read.flows
    .filter((f) => !f.internal)
    .map((f) => ({
      id: `${f.origin}-${f.dest}-${f.factor}-${f.basis}-${f.unit ?? 'none'}`,
      origin: f.origin,
      dest: f.dest,
      factor: f.factor,
      basis: f.basis,
      magnitude: f.basis === 'documented' ? null : f.magnitude,
      unit: f.basis === 'documented' ? null : f.unit,
      count: f.count,
      period: periodLabel(f.period_start, f.period_end),
      period_start: f.period_start,
      period_end: f.period_end,
      mechanisms: f.mechanisms,
      integration_types: f.integration_types,
      sources: f.sources,
    }));
}

function internalObjects(read: FlowRead) {
  if (read.mode === 'records') return [];
  return read.flows
    .filter((f) => f.internal)
    .map((f) => ({
      unit: f.origin,
      factor: f.factor,
      basis: f.basis,
      magnitude: f.basis === 'documented' ? null : f.magnitude,
      measure: f.basis === 'documented' ? null : f.unit,
      count: f.count,
      period: periodLabel(f.period_start, f.period_end),
      sources: f.sources,
    }));
}

export function toOdJson(read: FlowRead, level: string | undefined) {
  return {
    level: level ?? null,
    mode: read.mode,
    locations: read.locations.map(locationJson),
    flows: flowObjects(read),
    internal: internalObjects(read),
    sources: sourcesJson(read.sources),
    truncated: read.truncated,
  };
}

export function toGeoJson(read: FlowRead, level: string | undefined): FeatureCollection<LineString | null> & Record<string, unknown> {
  const at = new Map(read.locations.map((l) => [l.code, l]));
  const features: Feature<LineString | null>[] = flowObjects(read).map((f) => {
    const o = at.get(f.origin);
    const d = at.get(f.dest);
    const drawable = o?.lon != null && o.lat != null && d?.lon != null && d.lat != null;
    return {
      type: 'Feature',
      id: f.id,
      geometry: drawable ? { type: 'LineString', coordinates: [[o.lon!, o.lat!], [d.lon!, d.lat!]] } : null,
      properties: { ...f, origin_name: o?.name_zh ?? null, dest_name: d?.name_zh ?? null },
    };
  });
  return {
    type: 'FeatureCollection',
    features,
    level: level ?? null,
    internal: internalObjects(read),
    sources: sourcesJson(read.sources),
    truncated: read.truncated,
  };
}
