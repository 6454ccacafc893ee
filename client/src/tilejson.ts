// The server describes each vector layer with TileJSON 3.0.0; the page reads it rather than hard-coding
// tile URLs, zoom ranges or source-layer names, so the tiles service can change them without the client.
import type { Box } from './unit-details.ts';

export interface TileSet {
  tiles: string[];
  /** The layer name inside each tile. */
  sourceLayer: string;
  minzoom: number;
  maxzoom: number;
  bounds: Box | null;
  attribution: string | null;
}

export class TileJsonError extends Error {}

/**
 * @param base the TileJSON's own URL: tile URLs may be relative to it, and MapLibre's worker needs them absolute.
 * @param preferredLayer the vector layer to draw when the tiles hold more than one.
 */
export function parseTileJson(json: unknown, base: string, preferredLayer: string): TileSet {
  if (typeof json !== 'object' || json === null) throw new TileJsonError('TileJSON should be an object');
  const j = json as Record<string, unknown>;
  const tiles = Array.isArray(j.tiles) ? j.tiles.filter((t): t is string => typeof t === 'string') : [];
  if (!tiles.length) throw new TileJsonError('TileJSON has no tile URLs');
  const layers = Array.isArray(j.vector_layers)
    ? j.vector_layers.map((l) => (l as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string')
    : [];
  const zoom = (v: unknown, fallback: number) => (typeof v === 'number' && v >= 0 && v <= 30 ? v : fallback);
  const b = Array.isArray(j.bounds) && j.bounds.length === 4 && j.bounds.every((n) => typeof n === 'number') ? (j.bounds as Box) : null;
  return {
    tiles: tiles.map((t) => absolute(t, base)),
    sourceLayer: layers.includes(preferredLayer) ? preferredLayer : (layers[0] ?? preferredLayer),
    minzoom: zoom(j.minzoom, 0),
    maxzoom: zoom(j.maxzoom, 14),
    bounds: b,
    attribution: typeof j.attribution === 'string' && j.attribution.trim() ? j.attribution : null,
  };
}

// The {z}/{x}/{y} placeholders must survive URL parsing, which would percent-encode the braces.
function absolute(template: string, base: string): string {
  const marked = template.replace(/\{([zxy])\}/g, '__$1__');
  return new URL(marked, base).toString().replace(/__([zxy])__/g, '{$1}');
}
