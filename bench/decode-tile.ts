// Decodes a Mapbox Vector Tile into plain objects, for the tests and the benchmark's sanity checks.
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';

export interface DecodedFeature {
  id: number | undefined;
  type: number;
  properties: Record<string, string | number | boolean>;
  /** Rings or point lists in tile coordinates. */
  geometry: { x: number; y: number }[][];
}

export interface DecodedLayer {
  name: string;
  version: number;
  extent: number;
  features: DecodedFeature[];
}

export function decodeTile(bytes: Uint8Array): Record<string, DecodedLayer> {
  const tile = new VectorTile(new Pbf(bytes));
  const out: Record<string, DecodedLayer> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        geometry: f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      });
    }
    out[name] = { name, version: layer.version, extent: layer.extent, features };
  }
  return out;
}
