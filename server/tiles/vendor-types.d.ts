// Just enough typing for the untyped npm packages the tile module uses (no @types exist for vt-pbf, and the
// TopoJSON ones would pull in far more surface than the three functions used here).

declare module 'topojson-server' {
  export interface Topology {
    type: 'Topology';
    objects: Record<string, unknown>;
    arcs: number[][][];
    transform?: { scale: [number, number]; translate: [number, number] };
    bbox?: number[];
  }
  export function topology(objects: Record<string, GeoJSON.GeoJSON>, quantization?: number): Topology;
}

declare module 'topojson-simplify' {
  import type { Topology } from 'topojson-server';
  export function presimplify(topology: Topology, weight?: (triangle: number[][]) => number): Topology;
  export function simplify(topology: Topology, minWeight?: number): Topology;
  export type RingFilter = (ring: number[], interior: boolean) => boolean;
  export function filter(topology: Topology, filter?: RingFilter): Topology;
  export function filterAttachedWeight(topology: Topology, minWeight?: number, weight?: (ring: number[][], interior: boolean) => number): RingFilter;
}

declare module 'topojson-client' {
  import type { Topology } from 'topojson-server';
  export function feature(topology: Topology, object: unknown): GeoJSON.FeatureCollection | GeoJSON.Feature;
  /** The union of the given Polygon/MultiPolygon objects of the topology, shared arcs removed. */
  export function merge(topology: Topology, objects: readonly unknown[]): GeoJSON.MultiPolygon;
}

declare module 'vt-pbf' {
  /** A feature as geojson-vt produces it: tile coordinates, type 1 point, 2 line, 3 polygon. */
  export interface TileFeature {
    id?: number;
    type: 1 | 2 | 3;
    /** Points: a list of [x, y]; polygons: a list of rings, each a list of [x, y]. */
    geometry: number[][] | number[][][];
    tags: Record<string, string | number | boolean | null>;
  }
  export function fromGeojsonVt(
    layers: Record<string, { features: TileFeature[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
  const vtpbf: { fromGeojsonVt: typeof fromGeojsonVt };
  export default vtpbf;
}

declare module 'pbf' {
  export default class Pbf {
    constructor(buf?: Uint8Array | ArrayBuffer);
  }
}
