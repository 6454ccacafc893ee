// The basemap's extent and detail, shared by the build (which cuts the tiles) and the browser style (which
// must ask for exactly those tiles). Plain data: safe to bundle for the browser.
export type Box = [number, number, number, number];

export interface LandOptions {
  /** Everything drawn lies inside this box. */
  window: Box;
  /** Drawn with fine detail; the rest of the window coarsely. */
  detail: Box;
  coarseTolerance: number;
  detailTolerance: number;
}

export const defaultLandOptions: LandOptions = {
  window: [70, 15, 140, 55],
  // Zhejiang and Fujian coasts around the Wenzhou demo, where users zoom to township level.
  detail: [117.5, 23.5, 123.5, 31.5],
  coarseTolerance: 0.02, // ≈ 2 km: about a pixel at zoom 6, and the detail box covers the demo's zooms
  detailTolerance: 0.0003, // ≈ 30 m: about a pixel at zoom 12
};

export interface BasemapTileOptions {
  maxZoom: number;
  /** geojson-vt's tolerance in tile units (of 4096) at each zoom. */
  tolerance: number;
}

// z8 tiles overzoom cleanly: 4096 units over 256 px is 16 units a pixel at z8, still 1 a pixel at z12.
export const defaultTileOptions: BasemapTileOptions = { maxZoom: 8, tolerance: 1 };
