import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';

export interface UnitHead {
  code: string;
  level: string;
  name_zh: string;
  name_en: string | null;
}

/** The unit, or a 404 (a path names it) / 400 (a filter names it) that says which code is unknown. */
export async function requireKnownUnit(db: Queryable, code: string, status: 400 | 404): Promise<UnitHead> {
  const rows = await db.query<UnitHead>('SELECT code, level, name_zh, name_en FROM units WHERE code = $1', [code]);
  if (!rows[0]) throw new HttpError(status, status === 404 ? 'not_found' : 'bad_request', `No unit has the code ${code}.`);
  return rows[0];
}
