// Cuts the basemap into static vector tiles at build time, so the browser downloads and parses only the
// few tiles in view instead of indexing the whole window's GeoJSON at every start.
import type { FeatureCollection } from 'geojson';
import geojsonvt from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { defaultTileOptions, type BasemapTileOptions } from './options.ts';

export { defaultTileOptions } from './options.ts';

/** "z/x/y" → encoded MVT with layers `land` and `rivers`; tiles with neither are left out (empty sea). */
export function buildBasemapTiles(layers: Record<string, FeatureCollection>, o: BasemapTileOptions = defaultTileOptions): Map<string, Uint8Array> {
  const indexes = Object.entries(layers).map(
    ([name, fc]) => [name, geojsonvt(fc, { maxZoom: o.maxZoom, indexMaxZoom: o.maxZoom, indexMaxPoints: 0, tolerance: o.tolerance, extent: 4096, buffer: 64 })] as const,
  );
  const coords = new Map<string, { z: number; x: number; y: number }>();
  for (const [, index] of indexes) for (const c of index.tileCoords) coords.set(`${c.z}/${c.x}/${c.y}`, c);
  const out = new Map<string, Uint8Array>();
  for (const [key, { z, x, y }] of [...coords].sort(([a], [b]) => a.localeCompare(b))) {
    const tileLayers: Record<string, { features: NonNullable<ReturnType<(typeof indexes)[number][1]['getTile']>>['features'] }> = {};
    for (const [name, index] of indexes) {
      const tile = index.getTile(z, x, y);
      if (tile?.features.length) tileLayers[name] = { features: tile.features };
    }
    if (Object.keys(tileLayers).length) out.set(key, vtpbf.fromGeojsonVt(tileLayers, { version: 2, extent: 4096 }));
  }
  return out;
}
