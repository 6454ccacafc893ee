// Rebuilds unit_geom_generalised: once per import, never per tile (simplifying inside the tile query made
// tiles 2–4× slower in earlier measurements, and per-tile simplification cannot keep shared edges shared).
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import { LAYER_DEFINITIONS } from './layers.ts';
import { generaliseFaces } from './topology-simplify.ts';

const INSERT_BATCH = 400;

/** The levels some polygon tile layer draws: "all levels" for generalisation. */
export const GENERALISED_LEVELS: readonly string[] = [
  ...new Set(LAYER_DEFINITIONS.filter((l) => l.kind === 'polygons').flatMap((l) => l.levels)),
];

/**
 * Rebuilds unit_geom_generalised for the given levels (all levels a polygon tile layer draws, when omitted),
 * inside the caller's transaction (it uses temporary tables that drop at commit). Owned by the tiles module;
 * the importer calls it after writing units. All the given levels are cleaned and simplified as one
 * topology, so a township's edge that follows its county's edge stays on it: pass every level (or none) to
 * keep that nesting. The caller bumps the data version.
 */
export async function regeneralise(tx: Queryable, levels?: readonly string[]): Promise<void> {
  const levelParam = [...(levels && levels.length ? levels : GENERALISED_LEVELS)];
  await tx.exec(namedQuery('generalise_tables'));
  await tx.query(namedQuery('generalise_source'), [levelParam]);
  await tx.query(namedQuery('generalise_faces'));
  await tx.exec(namedQuery('generalise_analyze'));
  const faces = await tx.query<{ id: number; geojson: string; codes: string[] }>(namedQuery('generalise_assign'));
  const generalised = generaliseFaces(faces.map((f) => ({ id: Number(f.id), geometry: JSON.parse(f.geojson), codes: f.codes })));
  await tx.query(namedQuery('generalise_delete'), [levelParam]);
  for (let i = 0; i < generalised.length; i += INSERT_BATCH) {
    const batch = generalised.slice(i, i + INSERT_BATCH).map((g) => ({ code: g.code, band: g.band, geojson: g.geometry }));
    await tx.query(namedQuery('generalise_insert'), [JSON.stringify(batch)]);
  }
}
