// Reads a GeoJSON document (a FeatureCollection, a Feature, or a bare geometry) into indexed features.
import type { Feature, Geometry } from 'geojson';
import { ImportError } from './import-error.ts';

export interface InputFeature {
  /** 0-based position in the file, for messages ("feature #3"). */
  index: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export function parseGeoJson(input: Buffer | string, location: string): InputFeature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof input === 'string' ? input : input.toString('utf8'));
  } catch (err) {
    throw new ImportError(`${location} is not valid JSON: ${(err as Error).message}`);
  }
  const d = doc as { type?: unknown; features?: unknown };
  let features: unknown[];
  if (d && d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features;
  else if (d && d.type === 'Feature') features = [d];
  else throw new ImportError(`${location} is not a GeoJSON FeatureCollection or Feature`);
  return features.map((f, index) => {
    const feature = f as Partial<Feature>;
    if (!feature || feature.type !== 'Feature') throw new ImportError(`${location}: feature #${index} is not a GeoJSON Feature`);
    const props = feature.properties;
    return {
      index,
      properties: props && typeof props === 'object' ? (props as Record<string, unknown>) : {},
      geometry: (feature.geometry ?? null) as Geometry | null,
    };
  });
}
