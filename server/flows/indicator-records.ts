// Indicator records: one value for a unit and a year. A value given in another unit of the same
// dimension (e.g. 万人 for a population counted in persons) is converted to the indicator's own unit.
import type { Queryable } from '../db/database.ts';
import { sourceId, unitCode } from './flow-records.ts';
import { parseYear } from './periods.ts';
import type { RecordKind } from './record-kind.ts';
import type { RowReader } from './row-errors.ts';
import { INDICATOR_BASES, INDICATOR_KEYS, MEASURE_UNITS } from './vocabulary.ts';

export interface IndicatorInput {
  unit_code: string;
  year: number;
  indicator: string;
  value: number;
  /** As given; converted to the indicator's unit when written. */
  unit: string;
  basis: string;
  source_id: string;
  note: string | null;
}

export const INDICATOR_FIELDS = ['unit_code', 'year', 'indicator', 'value', 'unit', 'basis', 'source_id', 'note'] as const;

function parseIndicator(r: RowReader): IndicatorInput | undefined {
  const code = unitCode(r, 'unit_code');
  const yearText = r.required('year', 20);
  const year = yearText === undefined ? undefined : parseYear(yearText);
  if (yearText !== undefined && year === undefined) r.fail('year', `year "${yearText}" is not a year (YYYY, 1949–2100)`);
  const indicator = r.oneOf('indicator', INDICATOR_KEYS, 'indicator', true);
  const value = r.number('value');
  const unit = r.oneOf('unit', MEASURE_UNITS, 'unit of measure', true);
  const basis = r.text('basis') === undefined ? 'observed' : r.oneOf('basis', INDICATOR_BASES, 'indicator basis', true);
  const source = sourceId(r);
  const note = r.text('note', 2000);
  if (r.errors.length || !code || year === undefined || !indicator || value === undefined || !unit || !basis || !source) return undefined;
  return { unit_code: code, year, indicator, value, unit, basis, source_id: source, note: note ?? null };
}

interface Conversion {
  keyUnit: Map<string, string>;
  units: Map<string, { dimension: string; to_canonical: number }>;
}

async function conversion(tx: Queryable): Promise<Conversion> {
  const [keys, units] = await Promise.all([
    tx.query<{ key: string; unit: string }>('SELECT key, unit FROM indicator_keys'),
    tx.query<{ key: string; dimension: string; to_canonical: number }>('SELECT key, dimension, to_canonical FROM measure_units'),
  ]);
  return {
    keyUnit: new Map(keys.map((k) => [k.key, k.unit])),
    units: new Map(units.map((u) => [u.key, { dimension: u.dimension, to_canonical: Number(u.to_canonical) }])),
  };
}

/** The value in the indicator's own unit, or a reason it cannot be converted. */
function convert(c: Conversion, v: IndicatorInput): { value: number; unit: string } | { error: string } {
  const target = c.keyUnit.get(v.indicator)!;
  if (v.unit === target) return { value: v.value, unit: target };
  const from = c.units.get(v.unit);
  const to = c.units.get(target);
  if (!from || !to || from.dimension !== to.dimension) return { error: `unit ${v.unit} cannot express ${v.indicator}, which is measured in ${target}` };
  // Round away binary noise from the factor (e.g. 118.95 万人 → 1,189,500 persons, not 1,189,499.9999).
  return { value: Number(((v.value * from.to_canonical) / to.to_canonical).toPrecision(12)), unit: target };
}

const key = (v: IndicatorInput) => [v.unit_code, v.year, v.indicator, v.source_id].join('|');

async function toColumns(tx: Queryable, values: IndicatorInput[]) {
  const c = await conversion(tx);
  const converted = values.map((v) => convert(c, v) as { value: number; unit: string });
  return [
    values.map((v) => v.unit_code),
    values.map((v) => v.year),
    values.map((v) => v.indicator),
    converted.map((x) => x.value),
    converted.map((x) => x.unit),
    values.map((v) => v.basis),
    values.map((v) => v.source_id),
    values.map((v) => v.note),
  ];
}

export const indicatorKind: RecordKind<IndicatorInput> = {
  noun: 'indicator',
  table: 'indicators',
  fields: INDICATOR_FIELDS,
  parse: parseIndicator,
  unitCodes: (v) => [v.unit_code],
  sourceId: (v) => v.source_id,
  key,
  async check(tx, values) {
    const c = await conversion(tx);
    const out = new Map<number, string>();
    values.forEach((v, i) => {
      const r = convert(c, v);
      if ('error' in r) out.set(i, r.error);
    });
    return out;
  },
  async existing(tx, values) {
    if (!values.length) return new Map();
    // The code as char(12), the column's own type: as text the natural-key index could not be used and every
    // indicator was read (as the flows' duplicate check did before 676f38b).
    const rows = await tx.query<{ id: number; k: string }>(
      `SELECT i.id, concat_ws('|', i.unit_code, i.year::text, i.indicator, i.source_id) AS k
       FROM unnest($1::char(12)[], $2::int[], $3::text[], $4::text[]) AS v(unit_code, year, indicator, source_id)
       JOIN indicators i ON i.unit_code = v.unit_code AND i.year = v.year AND i.indicator = v.indicator AND i.source_id = v.source_id`,
      [values.map((v) => v.unit_code), values.map((v) => v.year), values.map((v) => v.indicator), values.map((v) => v.source_id)],
    );
    return new Map(rows.map((r) => [r.k, Number(r.id)]));
  },
  async insert(tx, values) {
    if (!values.length) return [];
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO indicators (unit_code, year, indicator, value, unit_of_measure, basis, source_id, note)
       SELECT * FROM unnest($1::char(12)[], $2::int[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[])
       RETURNING id`,
      await toColumns(tx, values),
    );
    return rows.map((r) => Number(r.id));
  },
  async update(tx, id, v) {
    const [codes, years, keys, vals, units, bases, sources, notes] = await toColumns(tx, [v]);
    const rows = await tx.query(
      `UPDATE indicators SET unit_code = $2, year = $3, indicator = $4, value = $5, unit_of_measure = $6, basis = $7,
              source_id = $8, note = $9, updated_at = now()
       WHERE id = $1 AND NOT synthetic RETURNING id`,
      [id, codes![0], years![0], keys![0], vals![0], units![0], bases![0], sources![0], notes![0]],
    );
    return rows.length > 0;
  },
  async get(tx, id) {
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT id, unit_code, year, indicator, value, unit_of_measure AS unit, basis, source_id, note, updated_at::text AS updated_at
       FROM indicators WHERE id = $1 AND NOT synthetic`,
      [id],
    );
    return rows[0] && { ...rows[0], id: Number(rows[0].id) };
  },
};
