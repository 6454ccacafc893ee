import type { Queryable } from '../db/database.ts';

/**
 * Rebuilds unit_geom_generalised for the given levels (all when omitted), inside the caller's transaction.
 * Owned by the tiles module; the importer calls it after writing units.
 */
export async function regeneralise(_tx: Queryable, _levels?: readonly string[]): Promise<void> {}
