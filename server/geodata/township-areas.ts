// Seats checked against county outlines, and approximate township areas drawn from the seats.
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import type { Level } from './levels.ts';

export interface DroppedSeat {
  code: string;
  level: Level;
  name: string;
}

export async function dropSeatsOutsideCounty(tx: Queryable, levels: readonly Level[]): Promise<DroppedSeat[]> {
  const rows = await tx.query<{ code: string; level: Level; name_zh: string }>(namedQuery('import_seats_outside_county'), [levels]);
  return rows.map((r) => ({ code: r.code, level: r.level, name: r.name_zh })).sort((a, b) => a.code.localeCompare(b.code));
}

/** Returns how many townships got an approximate area. */
export async function drawTownshipAreas(tx: Queryable, methodSourceId: string): Promise<number> {
  const rows = await tx.query(namedQuery('import_township_voronoi'), [methodSourceId]);
  return rows.length;
}
