// Validates a batch of records of one kind against each other and the database, then writes them, all
// inside the caller's transaction. Used by the HTTP routes, the bulk upload, the CLI and the demo seed,
// so every path applies the same rules.
import type { Queryable } from '../db/database.ts';
import type { RecordKind } from './record-kind.ts';
import { RowReader, ValidationFailed, type RowError } from './row-errors.ts';

export interface RawRow {
  row: number;
  line?: number;
  raw: Record<string, unknown>;
}

export async function validateRows<T>(tx: Queryable, kind: RecordKind<T>, rows: RawRow[], opts: { replacingId?: number } = {}): Promise<T[]> {
  const errors: RowError[] = [];
  const parsed: { row: RawRow; value: T }[] = [];
  const failed = new Set<number>();
  const fail = (r: RawRow, reason: string, field?: string) => {
    errors.push({ row: r.row, ...(r.line ? { line: r.line } : {}), ...(field ? { field } : {}), reason });
    failed.add(r.row);
  };
  for (const row of rows) {
    const reader = new RowReader(row.raw, row.row, row.line);
    reader.unknownFields(kind.fields);
    const value = kind.parse(reader);
    errors.push(...reader.errors);
    if (reader.errors.length || value === undefined) failed.add(row.row);
    else parsed.push({ row, value });
  }

  const codes = [...new Set(parsed.flatMap((p) => kind.unitCodes(p.value)))];
  // char(12), the column's type: as text[] the look-up could not use the primary key and read every unit.
  const known = new Set(
    codes.length ? (await tx.query<{ code: string }>('SELECT code FROM units WHERE code = ANY ($1::char(12)[])', [codes])).map((r) => r.code) : [],
  );
  const sourceIds = [...new Set(parsed.map((p) => kind.sourceId(p.value)))];
  const knownSources = new Set(
    sourceIds.length ? (await tx.query<{ id: string }>('SELECT id FROM sources WHERE id = ANY ($1::text[])', [sourceIds])).map((r) => r.id) : [],
  );
  for (const p of parsed) {
    for (const code of new Set(kind.unitCodes(p.value))) if (!known.has(code)) fail(p.row, `unknown unit code ${code}`);
    const src = kind.sourceId(p.value);
    if (!knownSources.has(src)) fail(p.row, `unknown source id "${src}" (add it first with POST /api/sources)`, 'source_id');
  }

  if (kind.check) {
    const reasons = await kind.check(tx, parsed.map((p) => p.value));
    for (const [i, reason] of reasons) fail(parsed[i]!.row, reason);
  }

  const firstRow = new Map<string, number>();
  for (const p of parsed) {
    const k = kind.key(p.value);
    const seen = firstRow.get(k);
    if (seen !== undefined) fail(p.row, `duplicate of row ${seen}`);
    else firstRow.set(k, p.row.row);
  }
  const stored = await kind.existing(tx, parsed.map((p) => p.value));
  for (const p of parsed) {
    const id = stored.get(kind.key(p.value));
    if (id !== undefined && id !== opts.replacingId) fail(p.row, `duplicate of ${kind.noun} ${id} already stored`);
  }

  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new ValidationFailed(errors);
  }
  return parsed.filter((p) => !failed.has(p.row.row)).map((p) => p.value);
}

/**
 * Validates and inserts all rows, or throws ValidationFailed naming every bad one and writes nothing.
 * Batches keep each statement's parameter arrays a sensible size, and are large: each statement's triggers on
 * flows refresh the tile tables of its kind once, so 20,000 real flows on the national bench database took
 * 23.5–26.4 s in batches of 5,000 and 11.5–13.4 s in one (docs/bench-national.md, session 5). A 10 MB upload
 * is at most two batches.
 */
export async function insertRows<T>(tx: Queryable, kind: RecordKind<T>, rows: RawRow[], batch = 50_000): Promise<number[]> {
  const values = await validateRows(tx, kind, rows);
  const ids: number[] = [];
  for (let i = 0; i < values.length; i += batch) ids.push(...(await kind.insert(tx, values.slice(i, i + batch))));
  return ids;
}
