// Collection extents for the metadata documents. They scan a whole table, so each is computed once per
// data version and reused until a write bumps the version.
import type { AppContext } from '../context.ts';
import type { Collection, ExtentRow } from './collection.ts';
import { CRS84, GREGORIAN } from './media-types.ts';

export interface Extent {
  spatial?: { bbox: [[number, number, number, number]]; crs: string };
  temporal?: { interval: [[string | null, string | null]]; trs: string };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function toExtent(row: ExtentRow | undefined): Extent {
  const out: Extent = {};
  if (row && row.xmin !== null && row.ymin !== null && row.xmax !== null && row.ymax !== null) {
    out.spatial = { bbox: [[round(row.xmin), round(row.ymin), round(row.xmax), round(row.ymax)]], crs: CRS84 };
  }
  if (row && (row.tmin !== null || row.tmax !== null)) out.temporal = { interval: [[row.tmin, row.tmax]], trs: GREGORIAN };
  return out;
}

export function extentCache(ctx: AppContext): (c: Collection) => Promise<Extent> {
  const cache = new Map<string, { version: number; extent: Promise<Extent> }>();
  return async (c) => {
    const version = await ctx.dataVersion.current();
    const hit = cache.get(c.id);
    if (hit && hit.version === version) return hit.extent;
    const extent = ctx.db.query<ExtentRow>(c.sql.extent).then((rows) => toExtent(rows[0]));
    cache.set(c.id, { version, extent });
    // A failed query must not stay cached: the next request tries again.
    extent.catch(() => cache.get(c.id)?.extent === extent && cache.delete(c.id));
    return extent;
  };
}
