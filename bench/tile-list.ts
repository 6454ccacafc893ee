// The fixed list of tiles the benchmark measures and the size test checks: for zooms 6–14, the tile of each
// layer that holds each of four places chosen for contrast (dense city centre, large rural county, island
// district, a new county-level city), wherever the layer serves that zoom.
import { LAYER_DEFINITIONS, type LayerId } from '../server/tiles/layers.ts';
import { lonLatToTile } from './tile-math.ts';

export interface TileRef {
  layer: LayerId;
  z: number;
  x: number;
  y: number;
}

export const BENCH_PLACES = [
  { name: '鹿城 Lucheng, city centre', lon: 120.655, lat: 28.015 },
  { name: '泰顺 Taishun, mountains', lon: 119.72, lat: 27.557 },
  { name: '洞头 Dongtou, islands', lon: 121.157, lat: 27.836 },
  { name: '龙港 Longgang', lon: 120.553, lat: 27.578 },
] as const;

export const BENCH_ZOOMS = [6, 7, 8, 9, 10, 11, 12, 13, 14] as const;

export function benchTiles(): TileRef[] {
  const seen = new Set<string>();
  const out: TileRef[] = [];
  for (const z of BENCH_ZOOMS) {
    for (const layer of LAYER_DEFINITIONS) {
      if (z < layer.minzoom || z > layer.maxzoom) continue;
      for (const place of BENCH_PLACES) {
        const { x, y } = lonLatToTile(place.lon, place.lat, z);
        const key = `${layer.id}/${z}/${x}/${y}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ layer: layer.id, z, x, y });
      }
    }
  }
  return out;
}

export const tilePath = (t: TileRef) => `/tiles/${t.layer}/${t.z}/${t.x}/${t.y}.pbf`;
