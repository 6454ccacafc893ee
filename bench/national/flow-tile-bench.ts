// Flow tiles at national scale: database time and size of /tiles/flows tiles over the million synthetic
// flows, at a fixed list of tiles (two places × z4–z14, so every zoom band: county lines to z7, township
// lines z8–10, recorded flows from z11). Each tile runs once by default (--tile-runs; before the drop rule of
// migration 006 a low-zoom tile took tens of seconds). Each tile is built by the server's own statement (the flows layer
// of server/tiles/layers.ts, encoded by ST_AsMVT) with "include synthetic" on, as the bench shim does.
import zlib from 'node:zlib';
import type { Queryable } from '../../server/db/database.ts';
import { buildTileSql } from '../../server/tiles/layers.ts';
import { FLOWS_LAYER, flowLevelForZoom, flowTileParams } from '../../server/tiles/flow-tiles.ts';
import { median, timeOnce } from './measure.ts';

/** Places with many flows around them (the gravity rule sends flows between big, near counties). */
export const TILE_PLACES: ReadonlyArray<{ name: string; lon: number; lat: number }> = [
  { name: 'Zhengzhou', lon: 113.65, lat: 34.76 },
  { name: 'Wenzhou', lon: 120.7, lat: 28.0 },
];
export const TILE_ZOOMS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as const;

export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
}

export interface TileFigure {
  tile: string;
  place: string;
  level: string;
  /** Median database time of the counted runs, ms. */
  ms: number;
  features: number;
  bytes: number;
  gzipBytes: number;
}

export async function timeFlowTiles(db: Queryable, o: { runs: number; warmup: number }): Promise<TileFigure[]> {
  const sql = buildTileSql(FLOWS_LAYER, 'postgis');
  const out: TileFigure[] = [];
  for (const place of TILE_PLACES) {
    for (const z of TILE_ZOOMS) {
      const { x, y } = tileOf(place.lon, place.lat, z);
      let last: { features: number; mvt: Uint8Array } = { features: 0, mvt: new Uint8Array() };
      const build = async () => {
        const [row] = await db.query<{ features: number; mvt: Uint8Array }>(sql, flowTileParams(z, x, y, true));
        last = { features: Number(row!.features), mvt: row!.mvt ?? new Uint8Array() };
        return '';
      };
      for (let i = 0; i < o.warmup; i++) await build();
      const runs: number[] = [];
      for (let i = 0; i < o.runs; i++) runs.push((await timeOnce(build)).ms);
      out.push({
        tile: `${z}/${x}/${y}`,
        place: place.name,
        level: flowLevelForZoom(z) ?? 'recorded',
        ms: median(runs),
        features: last.features,
        bytes: last.mvt.length,
        gzipBytes: zlib.gzipSync(last.mvt).length,
      });
    }
  }
  return out;
}

export function tileSummary(figures: readonly TileFigure[]) {
  const worst = <K extends 'ms' | 'bytes'>(k: K) => figures.reduce((a, b) => (b[k] > a[k] ? b : a));
  return {
    tiles: figures.length,
    medianMs: median(figures.map((f) => f.ms)),
    maxMs: worst('ms').ms,
    slowestTile: worst('ms').tile,
    medianBytes: median(figures.map((f) => f.bytes)),
    maxBytes: worst('bytes').bytes,
    largestTile: worst('bytes').tile,
  };
}
