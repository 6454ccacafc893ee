// The OGC `bbox` parameter: four numbers (minLon,minLat,maxLon,maxLat) or six with heights, in CRS84.
// Clients such as GDAL print coordinates with up to 18 significant digits or in exponent form
// ("1.0000000000000001e-05"), so any finite decimal is accepted here rather than the stricter API pattern.
// A box whose west edge lies east of its east edge crosses the antimeridian (OGC API – Features 7.15.3)
// and becomes two boxes.
import { badRequest } from '../http/errors.ts';

export type Box = [west: number, south: number, east: number, north: number];

/** One box, or two when the request crosses the antimeridian. */
export interface BboxFilter {
  boxes: [Box] | [Box, Box];
}

const NUMBER = /^[+-]?(\d{1,25}(\.\d{0,25})?|\.\d{1,25})([eE][+-]?\d{1,3})?$/;
const USAGE = 'four numbers minLon,minLat,maxLon,maxLat in CRS84 (WGS 84 longitude, latitude), e.g. 120.0,27.5,121.0,28.2';

export function parseBbox(raw: string | undefined): BboxFilter | null {
  if (raw === undefined) return null;
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length !== 4 && parts.length !== 6) {
    throw badRequest(`"bbox" must be ${USAGE} (or six numbers with heights); got ${parts.length} value(s).`);
  }
  const bad = parts.find((p) => !NUMBER.test(p) || !Number.isFinite(Number(p)));
  if (bad !== undefined) throw badRequest(`"bbox" must be ${USAGE}; "${bad.slice(0, 30)}" is not a number.`);
  const n = parts.map(Number);
  const [w, s, e, north] = (parts.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as Box;
  if (parts.length === 6 && n[2]! > n[5]!) throw badRequest('"bbox" has a minimum height above its maximum height.');
  if ([w, e].some((x) => x < -180 || x > 180)) throw badRequest(`"bbox" longitudes must lie within -180 and 180 (${USAGE}).`);
  if ([s, north].some((y) => y < -90 || y > 90)) throw badRequest(`"bbox" latitudes must lie within -90 and 90 (${USAGE}).`);
  if (s > north) throw badRequest(`"bbox" has its southern edge (${s}) north of its northern edge (${north}).`);
  if (w <= e) return { boxes: [[w, s, e, north]] };
  return { boxes: [[w, s, 180, north], [-180, s, e, north]] };
}
