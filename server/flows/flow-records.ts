// Flow records: the fields an upload or a request body may carry, how each is checked, and how a
// batch is written. CSV columns and JSON keys share these names.
import type { Queryable } from '../db/database.ts';
import { toCode12 } from './codes.ts';
import { parsePeriod, periodLabel } from './periods.ts';
import type { RecordKind } from './record-kind.ts';
import type { RowReader } from './row-errors.ts';
import { BASES, BENEFIT_LINKAGES, FACTORS, INTEGRATION_TYPES, MEASURE_UNITS, MECHANISMS } from './vocabulary.ts';

export interface FlowInput {
  origin: string;
  dest: string;
  factor: string;
  period_start: string;
  period_end: string;
  magnitude: number | null;
  magnitude_unit: string | null;
  basis: string;
  mechanism: string | null;
  integration_type: string | null;
  benefit_linkage: string[];
  source_id: string;
  note: string | null;
}

export const FLOW_FIELDS = [
  'origin',
  'dest',
  'factor',
  'period',
  'magnitude',
  'magnitude_unit',
  'basis',
  'mechanism',
  'integration_type',
  'benefit_linkage',
  'source_id',
  'note',
] as const;

export function unitCode(r: RowReader, field: string): string | undefined {
  const s = r.required(field, 40);
  if (s === undefined) return undefined;
  const code = toCode12(s);
  if (!code) r.fail(field, `${field} "${s.slice(0, 20)}" is not a unit code (6, 9 or 12 digits)`);
  return code;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export function sourceId(r: RowReader): string | undefined {
  const s = r.required('source_id', 64);
  if (s !== undefined && !SOURCE_ID.test(s)) {
    r.fail('source_id', `source_id "${s.slice(0, 40)}" is not a source id (lower-case letters, digits, . _ -)`);
    return undefined;
  }
  return s;
}

function parseFlow(r: RowReader): FlowInput | undefined {
  const origin = unitCode(r, 'origin');
  const dest = unitCode(r, 'dest');
  if (origin && dest && origin === dest) r.fail('dest', 'origin and destination are the same unit');
  const factor = r.oneOf('factor', FACTORS, 'factor', true);
  const periodText = r.required('period', 40);
  let period: { start: string; end: string } | undefined;
  if (periodText !== undefined) {
    const p = parsePeriod(periodText);
    if ('error' in p) r.fail('period', p.error);
    else period = p;
  }
  const basis = r.oneOf('basis', BASES, 'basis', true);
  const magnitude = r.magnitude('magnitude');
  const unit = r.oneOf('magnitude_unit', MEASURE_UNITS, 'unit of measure', false);
  if (basis === 'documented') {
    if (magnitude !== undefined) r.fail('magnitude', 'a documented flow has no magnitude: leave it empty, or use basis observed or modelled');
    if (unit !== undefined) r.fail('magnitude_unit', 'a documented flow has no unit of measure');
  } else if (basis) {
    if (magnitude === undefined && !r.errors.some((e) => e.field === 'magnitude')) r.fail('magnitude', `an ${basis} flow needs a magnitude`);
    if (unit === undefined && !r.errors.some((e) => e.field === 'magnitude_unit')) r.fail('magnitude_unit', `an ${basis} flow needs a unit of measure`);
  }
  const mechanism = r.oneOf('mechanism', MECHANISMS, 'mechanism', false);
  const integration = r.oneOf('integration_type', INTEGRATION_TYPES, 'integration type', false);
  const benefits = r.list('benefit_linkage', BENEFIT_LINKAGES, 'benefit linkage');
  const source = sourceId(r);
  const note = r.text('note', 2000);
  if (r.errors.length || !origin || !dest || !factor || !period || !basis || !source) return undefined;
  return {
    origin,
    dest,
    factor,
    period_start: period.start,
    period_end: period.end,
    magnitude: basis === 'documented' ? null : (magnitude ?? null),
    magnitude_unit: basis === 'documented' ? null : (unit ?? null),
    basis,
    mechanism: mechanism ?? null,
    integration_type: integration ?? null,
    benefit_linkage: benefits,
    source_id: source,
    note: note ?? null,
  };
}

const flowKey = (v: FlowInput) =>
  [v.origin, v.dest, v.factor, v.period_start, v.period_end, v.basis, v.mechanism ?? '', v.source_id].join('|');

const columns = (values: FlowInput[]) => [
  values.map((v) => v.origin),
  values.map((v) => v.dest),
  values.map((v) => v.factor),
  values.map((v) => v.period_start),
  values.map((v) => v.period_end),
  values.map((v) => v.magnitude),
  values.map((v) => v.magnitude_unit),
  values.map((v) => v.basis),
  values.map((v) => v.mechanism),
  values.map((v) => v.integration_type),
  // Arrays of arrays cannot be unnested row by row, so each list travels as one comma-joined string.
  values.map((v) => v.benefit_linkage.join(',')),
  values.map((v) => v.source_id),
  values.map((v) => v.note),
];

// The codes as char(12), the columns' own type: compared as text, a code column cannot use its index, and the
// duplicate check scanned every flow (400 ms of a 100-flow upload over the national bench's million).
const UNNEST = `unnest($1::char(12)[], $2::char(12)[], $3::text[], $4::date[], $5::date[], $6::numeric[], $7::text[], $8::text[],
                      $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
               AS v(origin, dest, factor, ps, pe, magnitude, unit, basis, mechanism, integration_type, benefits, source_id, note)`;

export const flowKind: RecordKind<FlowInput> = {
  noun: 'flow',
  table: 'flows',
  fields: FLOW_FIELDS,
  parse: parseFlow,
  unitCodes: (v) => [v.origin, v.dest],
  sourceId: (v) => v.source_id,
  key: flowKey,
  async existing(tx, values) {
    if (!values.length) return new Map();
    const rows = await tx.query<{ id: number; k: string }>(
      `SELECT f.id, concat_ws('|', f.origin_code, f.dest_code, f.factor, f.period_start::text, f.period_end::text, f.basis,
                              coalesce(f.mechanism, ''), f.source_id) AS k
       FROM ${UNNEST}
       JOIN flows f ON f.origin_code = v.origin AND f.dest_code = v.dest AND f.factor = v.factor
        AND f.period_start = v.ps AND f.period_end = v.pe AND f.basis = v.basis
        AND f.mechanism IS NOT DISTINCT FROM v.mechanism AND f.source_id = v.source_id`,
      columns(values),
    );
    return new Map(rows.map((r) => [r.k, Number(r.id)]));
  },
  async insert(tx, values) {
    if (!values.length) return [];
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
                          mechanism, integration_type, benefit_linkage, source_id, note)
       SELECT origin, dest, factor, ps, pe, magnitude, unit, basis, mechanism, integration_type,
              CASE WHEN benefits = '' THEN '{}'::text[] ELSE string_to_array(benefits, ',') END, source_id, note
       FROM ${UNNEST}
       RETURNING id`,
      columns(values),
    );
    return rows.map((r) => Number(r.id));
  },
  async update(tx, id, v) {
    const rows = await tx.query(
      `UPDATE flows SET origin_code = $2, dest_code = $3, factor = $4, period_start = $5, period_end = $6, magnitude = $7,
              magnitude_unit = $8, basis = $9, mechanism = $10, integration_type = $11, benefit_linkage = $12::text[],
              source_id = $13, note = $14, updated_at = now()
       WHERE id = $1 AND NOT synthetic RETURNING id`,
      [id, v.origin, v.dest, v.factor, v.period_start, v.period_end, v.magnitude, v.magnitude_unit, v.basis, v.mechanism,
        v.integration_type, v.benefit_linkage, v.source_id, v.note],
    );
    return rows.length > 0;
  },
  async get(tx, id) {
    const rows = await tx.query<Record<string, unknown> & { period_start: string; period_end: string }>(
      `SELECT id, origin_code AS origin, dest_code AS dest, factor, period_start::text AS period_start, period_end::text AS period_end,
              magnitude, magnitude_unit, basis, mechanism, integration_type, benefit_linkage, source_id, note,
              updated_at::text AS updated_at
       FROM flows WHERE id = $1 AND NOT synthetic`,
      [id],
    );
    const r = rows[0];
    return r && { ...r, id: Number(r.id), period: periodLabel(r.period_start, r.period_end) };
  },
};
