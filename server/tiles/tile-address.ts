// Tile and TileJSON addresses, parsed at the edge into typed values. Nothing here touches the database:
// a malformed address is a 400 and an unknown layer a 404 before any query runs.
import { badRequest, notFound } from '../http/errors.ts';
import type { LayerRegistry, TileLayer } from './layers.ts';

export interface TileAddress {
  layer: TileLayer;
  z: number;
  x: number;
  y: number;
}

export type TilesRequest = { kind: 'tile'; address: TileAddress } | { kind: 'tilejson'; layer: TileLayer };

const TILE_SHAPE = '/tiles/{layer}/{z}/{x}/{y}.pbf';
// Canonical decimal only: no sign, exponent, hex, spaces or leading zeros, so each tile has one URL and
// one cache entry. Ten digits are more than any zoom up to 30 needs.
const CANONICAL_INT = /^(0|[1-9][0-9]{0,9})$/;

/** Parses the part of the path after "/tiles/". */
export function parseTilesPath(rest: string, layers: LayerRegistry): TilesRequest {
  const segments = rest.split('/');
  if (segments.length === 1 && segments[0]!.endsWith('.json')) {
    return { kind: 'tilejson', layer: lookupLayer(segments[0]!.slice(0, -'.json'.length), layers) };
  }
  const layer = lookupLayer(segments[0] ?? '', layers);
  if (segments.length !== 4) {
    throw badRequest(`A tile address has the form ${TILE_SHAPE}; got ${segments.length - 1} parts after the layer name.`);
  }
  const [, zRaw, xRaw, yFile] = segments as [string, string, string, string];
  if (!yFile.endsWith('.pbf')) {
    throw badRequest(`Tiles are served only as Mapbox Vector Tiles: the address must end in .pbf (${TILE_SHAPE}).`);
  }
  const z = coordinate('z', zRaw);
  if (z > layer.maxzoom) {
    throw badRequest(`z must be between 0 and ${layer.maxzoom} for layer ${layer.id}; got ${z}.`);
  }
  const size = 2 ** z;
  const x = coordinate('x', xRaw);
  const y = coordinate('y', yFile.slice(0, -'.pbf'.length));
  outOfRange('x', x, size, z);
  outOfRange('y', y, size, z);
  return { kind: 'tile', address: { layer, z, x, y } };
}

function outOfRange(name: string, v: number, size: number, z: number): void {
  if (v >= size) throw badRequest(`${name} must be between 0 and ${size - 1} at zoom ${z}; got ${v}.`);
}

function coordinate(name: string, raw: string): number {
  if (CANONICAL_INT.test(raw)) return Number(raw);
  if (/^[0-9]{11,}$/.test(raw)) throw badRequest(`${name} has too many digits (${raw.length}).`);
  throw badRequest(
    `${name} must be a whole number written in decimal digits only (no sign, exponent, hex prefix, spaces or leading zeros); got "${printable(raw)}".`,
  );
}

function lookupLayer(name: string, layers: LayerRegistry): TileLayer {
  const layer = layers.get(name);
  if (!layer) {
    const known = layers.list().map((l) => l.id).join(', ');
    throw notFound(`No tile layer named "${printable(name)}". Layers: ${known}.`);
  }
  return layer;
}

/** Echo at most 40 visible characters of client input back in a message. */
function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e\u4e00-\u9fff]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
