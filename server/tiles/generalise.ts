// Rebuilds unit_geom_generalised: once per import, never per tile (simplifying inside the tile query made
// tiles 2–4× slower in earlier measurements, and per-tile simplification cannot keep shared edges shared).
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import { generaliseTopologically } from './topology-simplify.ts';

const INSERT_BATCH = 400;

/**
 * Rebuilds unit_geom_generalised for the given levels (all when omitted), inside the caller's transaction.
 * Owned by the tiles module; the importer calls it after writing units. The units of all the given levels
 * are simplified in one topology, so a township's edge that follows its county's edge stays on it; pass
 * every polygon level (or none) to keep that nesting. The caller bumps the data version.
 */
export async function regeneralise(tx: Queryable, levels?: readonly string[]): Promise<void> {
  const levelParam = levels && levels.length ? [...levels] : null;
  const rows = await tx.query<{ code: string; geojson: string }>(namedQuery('generalise_source'), [levelParam]);
  const generalised = generaliseTopologically(rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.geojson) })));
  await tx.query(namedQuery('generalise_delete'), [levelParam]);
  for (let i = 0; i < generalised.length; i += INSERT_BATCH) {
    const batch = generalised.slice(i, i + INSERT_BATCH).map((g) => ({ code: g.code, band: g.band, geojson: g.geometry }));
    await tx.query(namedQuery('generalise_insert'), [JSON.stringify(batch)]);
  }
}
