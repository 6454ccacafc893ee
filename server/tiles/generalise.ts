// Rebuilds unit_geom_generalised: once per import, never per tile (simplifying inside the tile query made
// tiles 2–4× slower in earlier measurements, and per-tile simplification cannot keep shared edges shared).
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import { LAYER_DEFINITIONS } from './layers.ts';
import { GAP_MAX_M2, generaliseFaces } from './topology-simplify.ts';

const INSERT_BATCH = 400;

/** How close (degrees, about 100 m) a unit must come to a changed one to count as its neighbour: DataV
 * neighbours often leave slivers of gap between them instead of touching. */
const NEIGHBOUR_REACH_DEG = 0.001;

/** How far (degrees, about 5 km) around the rebuilt units the context reaches; see generalise_source_around.sql. */
const CONTEXT_REACH_DEG = 0.05;

/** The levels some polygon tile layer draws: "all levels" for generalisation. */
export const GENERALISED_LEVELS: readonly string[] = [
  ...new Set(LAYER_DEFINITIONS.filter((l) => l.kind === 'polygons').flatMap((l) => l.levels)),
];

export interface RegeneraliseOptions {
  /**
   * Rebuild only around these units (12-digit codes, typically those an import changed): them and their
   * neighbours. Every other unit keeps the shapes it has. Omitted: every unit of the levels.
   */
  around?: readonly string[];
  /** Progress lines for a person watching (counts and timings of each step). */
  note?: (message: string) => void;
}

export interface RegeneraliseResult {
  /** Units whose generalised shapes were rewritten. */
  rebuilt: number;
  /** Units noded and simplified with them but left as they were (regional rebuilds only). */
  context: number;
  faces: number;
}

/**
 * Rebuilds unit_geom_generalised for the given levels (all levels a polygon tile layer draws, when omitted),
 * inside the caller's transaction (it uses temporary tables that drop at commit). Owned by the tiles module;
 * the importer calls it after writing units. All the given levels are cleaned and simplified as one
 * topology, so a township's edge that follows its county's edge stays on it: pass every level (or none) to
 * keep that nesting. The caller bumps the data version.
 */
export async function regeneralise(tx: Queryable, levels?: readonly string[], o: RegeneraliseOptions = {}): Promise<RegeneraliseResult> {
  const levelParam = [...(levels && levels.length ? levels : GENERALISED_LEVELS)];
  const note = o.note ?? (() => {});
  let t = Date.now();
  const lap = () => {
    const s = ((Date.now() - t) / 1000).toFixed(1);
    t = Date.now();
    return `${s} s`;
  };
  await tx.exec(namedQuery('generalise_tables'));
  if (o.around) await tx.query(namedQuery('generalise_source_around'), [levelParam, [...o.around], NEIGHBOUR_REACH_DEG, CONTEXT_REACH_DEG]);
  else await tx.query(namedQuery('generalise_source'), [levelParam]);
  const src = await tx.query<{ code: string; rebuild: boolean }>('SELECT code, rebuild FROM gen_src');
  const rebuild = new Set(src.filter((s) => s.rebuild).map((s) => s.code));
  note(`generalising ${rebuild.size} units` + (o.around ? ` (${src.length - rebuild.size} more around them as context)` : '') + ` (${lap()})`);
  await tx.query(namedQuery('generalise_faces'));
  await tx.exec(namedQuery('generalise_analyze'));
  const faces = await tx.query<{ id: number; area: number; geojson: string; codes: string[]; levels: string[] }>(namedQuery('generalise_assign'), [
    GAP_MAX_M2,
  ]);
  note(`cut ${faces.length} faces and assigned them to units (${lap()})`);
  const generalised = generaliseFaces(
    faces.map((f) => ({ id: Number(f.id), geometry: JSON.parse(f.geojson), codes: f.codes, levels: f.levels, area: Number(f.area) })),
  )
    .filter((g) => rebuild.has(g.code));
  note(`simplified shared edges for every zoom band (${lap()})`);
  if (o.around) await tx.query(namedQuery('generalise_delete_codes'), [[...new Set([...rebuild, ...o.around])]]);
  else await tx.query(namedQuery('generalise_delete'), [levelParam]);
  for (let i = 0; i < generalised.length; i += INSERT_BATCH) {
    const batch = generalised.slice(i, i + INSERT_BATCH).map((g) => ({ code: g.code, band: g.band, geojson: g.geometry }));
    await tx.query(namedQuery('generalise_insert'), [JSON.stringify(batch)]);
  }
  note(`wrote ${generalised.length} generalised shapes (${lap()})`);
  return { rebuilt: rebuild.size, context: src.length - rebuild.size, faces: faces.length };
}
