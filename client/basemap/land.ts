// Builds the basemap's land layer from OSM land polygons (npm @geo-maps/countries-coastline-1m, ODbL):
// only a China-and-neighbours window, coarse across the window and detailed around the demo region, so the
// tiles cut from it (tiles.ts) stay small. Country borders are never drawn: the layer is one land fill.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  boxOf,
  boxesAround,
  boxesMeet,
  clipRingToBox,
  ringArea,
  roundLine,
  simplifyRing,
  type Box,
  type Position,
  type Ring,
} from './geometry.ts';
import type { LandOptions } from './options.ts';

export { defaultLandOptions, type LandOptions } from './options.ts';

const coastlinePackage = '@geo-maps/countries-coastline-1m/map.geo.json';

export function landSourceFile(): string {
  return createRequire(import.meta.url).resolve(coastlinePackage);
}

/** One pass over the source polygons; each is cut into the box pieces it meets. */
export function buildLand(source: FeatureCollection, o: LandOptions): FeatureCollection<MultiPolygon> {
  const pieces: { box: Box; tolerance: number; decimals: number; detail: boolean }[] = [
    { box: o.detail, tolerance: o.detailTolerance, decimals: 5, detail: true },
    ...boxesAround(o.window, o.detail).map((box) => ({ box, tolerance: o.coarseTolerance, decimals: 3, detail: false })),
  ];
  const out: { detail: Position[][][]; coarse: Position[][][] } = { detail: [], coarse: [] };
  for (const f of source.features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) {
      const outer = polygon[0] as Ring | undefined;
      if (!outer) continue;
      const bbox = boxOf(outer);
      if (!boxesMeet(bbox, o.window)) continue;
      for (const piece of pieces) {
        if (!boxesMeet(bbox, piece.box)) continue;
        const rings: Ring[] = [];
        for (const [i, ring] of (polygon as Ring[]).entries()) {
          const simplified = simplifyRing(ring, piece.tolerance);
          const clipped = roundLine(clipRingToBox(simplified, piece.box), piece.decimals);
          // Islands smaller than the tolerance square vanish at the zooms this piece is seen at.
          const tooSmall = Math.abs(ringArea(clipped)) < piece.tolerance * piece.tolerance;
          if (clipped.length < 4 || tooSmall) {
            if (i === 0) break;
            continue;
          }
          rings.push(clipped);
        }
        if (rings.length) (piece.detail ? out.detail : out.coarse).push(rings);
      }
    }
  }
  const feature = (coords: Position[][][], detail: boolean): Feature<MultiPolygon> => ({
    type: 'Feature',
    properties: { detail },
    geometry: { type: 'MultiPolygon', coordinates: coords },
  });
  return {
    type: 'FeatureCollection',
    features: [feature(out.coarse, false), feature(out.detail, true)].filter((f) => f.geometry.coordinates.length),
  };
}

export function readLandSource(): FeatureCollection<Polygon | MultiPolygon> {
  return JSON.parse(fs.readFileSync(landSourceFile(), 'utf8'));
}
