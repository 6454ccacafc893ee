// Writes a Mapbox Vector Tile from feature rows, for the embedded engine, which lacks ST_AsMVT. The rows
// already hold tile coordinates (tile_encode_rows.sql does what ST_AsMVTGeom does), so this only fixes ring
// winding to the MVT 2 rule and writes the protobuf, with the same layer name, version, extent, ids and
// properties that ST_AsMVT writes.
import vtpbf, { type TileFeature } from 'vt-pbf';
import { TILE_EXTENT } from './layers.ts';

export interface FeatureRow {
  id: number;
  props: Record<string, string | number | boolean | null>;
  /** GeoJSON in tile coordinates (y down), integers. */
  geom: string;
}

export function encodeMvt(layerName: string, rows: readonly FeatureRow[]): Uint8Array {
  const features: TileFeature[] = [];
  for (const row of rows) {
    const f = toTileFeature(row);
    if (f) features.push(f);
  }
  // ST_AsMVT returns an empty bytea when no feature survives; do the same.
  if (features.length === 0) return new Uint8Array(0);
  return vtpbf.fromGeojsonVt({ [layerName]: { features } }, { version: 2, extent: TILE_EXTENT });
}

function toTileFeature(row: FeatureRow): TileFeature | null {
  const g = JSON.parse(row.geom) as GeoJSON.Geometry;
  const tags: TileFeature['tags'] = {};
  for (const [k, v] of Object.entries(row.props)) if (v !== null) tags[k] = v;
  switch (g.type) {
    case 'Point':
      return { id: row.id, type: 1, geometry: [g.coordinates], tags };
    case 'MultiPoint':
      return g.coordinates.length ? { id: row.id, type: 1, geometry: g.coordinates, tags } : null;
    case 'LineString':
      return g.coordinates.length > 1 ? { id: row.id, type: 2, geometry: [g.coordinates], tags } : null;
    case 'MultiLineString': {
      const lines = g.coordinates.filter((l) => l.length > 1);
      return lines.length ? { id: row.id, type: 2, geometry: lines, tags } : null;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const rings: number[][][] = [];
      for (const poly of polys) poly.forEach((ring, i) => rings.push(orient(ring, i === 0)));
      return rings.length ? { id: row.id, type: 3, geometry: rings, tags } : null;
    }
    default:
      return null;
  }
}

/** MVT 2: exterior rings have positive area by the surveyor's formula in tile coordinates (y down). */
function orient(ring: GeoJSON.Position[], exterior: boolean): number[][] {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  const positive = sum > 0;
  return positive === exterior ? ring : [...ring].reverse();
}
