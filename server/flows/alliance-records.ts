// Alliance records: two units paired under a programme, each with a role, over a span of years.
import type { Queryable } from '../db/database.ts';
import { sourceId, unitCode } from './flow-records.ts';
import { parseYear } from './periods.ts';
import type { RecordKind } from './record-kind.ts';
import type { RowReader } from './row-errors.ts';
import { PROGRAMMES, ROLES } from './vocabulary.ts';

export interface AllianceInput {
  programme: string;
  a_code: string;
  a_role: string;
  b_code: string;
  b_role: string;
  start_year: number | null;
  end_year: number | null;
  name_zh: string | null;
  source_id: string;
  note: string | null;
}

export const ALLIANCE_FIELDS = ['programme', 'a_code', 'a_role', 'b_code', 'b_role', 'start_year', 'end_year', 'name_zh', 'source_id', 'note'] as const;

function year(r: RowReader, field: string): number | null | undefined {
  const s = r.text(field, 20);
  if (s === undefined) return null;
  const y = parseYear(s);
  if (y === undefined) r.fail(field, `${field} "${s}" is not a year (YYYY, 1949–2100)`);
  return y;
}

function parseAlliance(r: RowReader): AllianceInput | undefined {
  const programme = r.oneOf('programme', PROGRAMMES, 'programme', true);
  const a = unitCode(r, 'a_code');
  const aRole = r.oneOf('a_role', ROLES, 'role', true);
  const b = unitCode(r, 'b_code');
  const bRole = r.oneOf('b_role', ROLES, 'role', true);
  if (a && b && a === b) r.fail('b_code', 'an alliance pairs two different units');
  const start = year(r, 'start_year');
  const end = year(r, 'end_year');
  if (start && end && end < start) r.fail('end_year', 'end_year is before start_year');
  const name = r.text('name_zh', 200);
  const source = sourceId(r);
  const note = r.text('note', 2000);
  if (r.errors.length || !programme || !a || !aRole || !b || !bRole || !source || start === undefined || end === undefined) return undefined;
  return { programme, a_code: a, a_role: aRole, b_code: b, b_role: bRole, start_year: start, end_year: end, name_zh: name ?? null, source_id: source, note: note ?? null };
}

const key = (v: AllianceInput) => [v.programme, v.a_code, v.b_code, v.start_year ?? ''].join('|');

const columns = (values: AllianceInput[]) => [
  values.map((v) => v.programme),
  values.map((v) => v.a_code),
  values.map((v) => v.a_role),
  values.map((v) => v.b_code),
  values.map((v) => v.b_role),
  values.map((v) => v.start_year),
  values.map((v) => v.end_year),
  values.map((v) => v.name_zh),
  values.map((v) => v.source_id),
  values.map((v) => v.note),
];

// The codes as char(12), the columns' own type: compared as text, a code column cannot use its index, and the
// duplicate check would read every alliance (as the flows' did before 676f38b).
const UNNEST = `unnest($1::text[], $2::char(12)[], $3::text[], $4::char(12)[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
               AS v(programme, a_code, a_role, b_code, b_role, start_year, end_year, name_zh, source_id, note)`;

export const allianceKind: RecordKind<AllianceInput> = {
  noun: 'alliance',
  table: 'alliances',
  fields: ALLIANCE_FIELDS,
  parse: parseAlliance,
  unitCodes: (v) => [v.a_code, v.b_code],
  sourceId: (v) => v.source_id,
  key,
  async existing(tx: Queryable, values) {
    if (!values.length) return new Map();
    const rows = await tx.query<{ id: number; k: string }>(
      `SELECT a.id, concat_ws('|', a.programme, a.a_code, a.b_code, coalesce(a.start_year::text, '')) AS k
       FROM ${UNNEST}
       JOIN alliances a ON a.programme = v.programme AND a.a_code = v.a_code AND a.b_code = v.b_code
        AND a.start_year IS NOT DISTINCT FROM v.start_year`,
      columns(values),
    );
    return new Map(rows.map((r) => [r.k, Number(r.id)]));
  },
  async insert(tx, values) {
    if (!values.length) return [];
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO alliances (programme, a_code, a_role, b_code, b_role, start_year, end_year, name_zh, source_id, note)
       SELECT programme, a_code, a_role, b_code, b_role, start_year, end_year, name_zh, source_id, note FROM ${UNNEST}
       RETURNING id`,
      columns(values),
    );
    return rows.map((r) => Number(r.id));
  },
  async update(tx, id, v) {
    const rows = await tx.query(
      `UPDATE alliances SET programme = $2, a_code = $3, a_role = $4, b_code = $5, b_role = $6, start_year = $7, end_year = $8,
              name_zh = $9, source_id = $10, note = $11, updated_at = now()
       WHERE id = $1 AND NOT synthetic RETURNING id`,
      [id, v.programme, v.a_code, v.a_role, v.b_code, v.b_role, v.start_year, v.end_year, v.name_zh, v.source_id, v.note],
    );
    return rows.length > 0;
  },
  async get(tx, id) {
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT id, programme, a_code, a_role, b_code, b_role, start_year, end_year, name_zh, source_id, note, updated_at::text AS updated_at
       FROM alliances WHERE id = $1 AND NOT synthetic`,
      [id],
    );
    return rows[0] && { ...rows[0], id: Number(rows[0].id) };
  },
};
