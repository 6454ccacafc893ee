// Just the part of geojson-vt (untyped on npm) that the basemap build uses.
declare module 'geojson-vt' {
  import type { TileFeature } from 'vt-pbf';
  export interface GeoJsonVtTile {
    features: TileFeature[];
  }
  export interface GeoJsonVtIndex {
    tileCoords: { z: number; x: number; y: number }[];
    getTile(z: number, x: number, y: number): GeoJsonVtTile | null;
  }
  export default function geojsonvt(
    data: GeoJSON.GeoJSON,
    options?: { maxZoom?: number; indexMaxZoom?: number; indexMaxPoints?: number; tolerance?: number; extent?: number; buffer?: number },
  ): GeoJsonVtIndex;
}
