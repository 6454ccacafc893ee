// Boundaries are generalised once per zoom band (see generalise.ts) and tiles read the band for their zoom.
// A band's tolerance is half a screen pixel at the finest scale the band is ever drawn at: MapLibre draws a
// z tile until the map reaches zoom z + 1, where a 512 px tile covers 1024 px of screen.

/** Web-mercator circumference in metres (EPSG:3857). */
export const MERCATOR_WORLD_M = 2 * Math.PI * 6378137;

export interface ZoomBand {
  band: number;
  minzoom: number;
  maxzoom: number;
  /** Visvalingam threshold: the smallest triangle area (m²) a vertex may carry and survive; 0 keeps all. */
  minTriangleM2: number;
  /** Rings not attached to a neighbour (islands) smaller than this (m²) are dropped. */
  minIslandM2: number;
}

const TOLERANCE_SCREEN_PX = 0.5;

function screenPixelM(zoom: number): number {
  return MERCATOR_WORLD_M / (1024 * 2 ** zoom);
}

function band(bandNo: number, minzoom: number, maxzoom: number, simplify: boolean): ZoomBand {
  const px = screenPixelM(maxzoom);
  const tol = TOLERANCE_SCREEN_PX * px;
  return {
    band: bandNo,
    minzoom,
    maxzoom,
    minTriangleM2: simplify ? tol * tol : 0,
    // An island under about one screen pixel square is invisible; ST_AsMVTGeom would drop it anyway.
    minIslandM2: simplify ? px * px : 0,
  };
}

/** The last band keeps every vertex of the source: at z ≥ 12 the source data is coarser than a pixel. */
export const ZOOM_BANDS: readonly ZoomBand[] = [
  band(0, 0, 5, true),
  band(1, 6, 7, true),
  band(2, 8, 9, true),
  band(3, 10, 11, true),
  band(4, 12, 30, false),
];

export function bandForZoom(z: number): number {
  for (const b of ZOOM_BANDS) if (z >= b.minzoom && z <= b.maxzoom) return b.band;
  throw new RangeError(`no zoom band for z=${z}`);
}
