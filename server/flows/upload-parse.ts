// Turns an uploaded file into numbered raw rows: CSV (header row + one record per row) or GeoJSON (a
// FeatureCollection whose features carry the same fields as properties; their geometry is not used,
// because ends are named by unit code).
import { parse } from 'csv-parse/sync';
import { ValidationFailed } from './row-errors.ts';
import type { RawRow } from './record-store.ts';

export function rowsFromCsv(text: string, fields: readonly string[]): RawRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new ValidationFailed([{ row: 0, line: e.lines, reason: `the CSV could not be read: ${(e.message ?? '').slice(0, 200)}` }]);
  }
  const [header, ...body] = records;
  if (!header) throw new ValidationFailed([{ row: 0, line: 1, reason: 'the file is empty: expected a header row' }]);
  const names = header.record.map((h) => h.trim());
  const unknown = names.filter((n) => !fields.includes(n));
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || dupes.length) {
    throw new ValidationFailed([
      ...unknown.map((n) => ({ row: 0, line: 1, field: n.slice(0, 40), reason: `unknown column "${n.slice(0, 40)}" (allowed: ${fields.join(', ')})` })),
      ...dupes.map((n) => ({ row: 0, line: 1, field: n.slice(0, 40), reason: `column "${n.slice(0, 40)}" appears twice` })),
    ]);
  }
  const ragged: RawRow[] = [];
  const rows = body.map(({ record, info }, i) => {
    const raw: Record<string, unknown> = {};
    names.forEach((n, j) => (raw[n] = record[j] ?? ''));
    const row = { row: i + 1, line: info.lines, raw };
    if (record.length !== names.length) ragged.push(row);
    return row;
  });
  if (ragged.length) {
    throw new ValidationFailed(
      ragged.map((r) => ({ row: r.row, line: r.line, reason: `expected ${names.length} fields as in the header, found a different number` })),
    );
  }
  return rows;
}

export function rowsFromGeoJson(body: unknown): RawRow[] {
  const fc = body as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ValidationFailed([{ row: 0, reason: 'expected a GeoJSON FeatureCollection with a "features" array' }]);
  }
  const bad: number[] = [];
  const rows = fc.features.map((f, i) => {
    const props = (f as { type?: unknown; properties?: unknown })?.properties;
    const ok = (f as { type?: unknown })?.type === 'Feature' && props && typeof props === 'object' && !Array.isArray(props);
    if (!ok) bad.push(i + 1);
    return { row: i + 1, raw: ok ? (props as Record<string, unknown>) : {} };
  });
  if (bad.length) throw new ValidationFailed(bad.map((row) => ({ row, reason: 'not a GeoJSON Feature with a properties object' })));
  return rows;
}
