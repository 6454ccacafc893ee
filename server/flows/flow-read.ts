// Reads flows for a scope, either as recorded or rolled up to a level, together with the places they
// touch and the sources they cite: everything a map or an export needs to draw and attribute them.
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import { type FlowScope, scopeParams } from '../analysis/flow-scope.ts';
import { rollupQuery } from '../analysis/rollup-sql.ts';

export interface Location {
  code: string;
  level: string;
  name_zh: string;
  name_en: string | null;
  geom_quality: string;
  lon: number | null;
  lat: number | null;
}

export interface SourceRef {
  id: string;
  title: string;
  publisher: string;
  url: string | null;
  licence: string;
  retrieved: string | null;
  vintage: string | null;
  notes: string | null;
}

export interface AggregatedFlow {
  origin: string;
  dest: string;
  internal: boolean;
  factor: string;
  basis: string;
  unit: string | null;
  magnitude: number | null;
  count: number;
  period_start: string;
  period_end: string;
  sources: string[];
  mechanisms: string[];
  integration_types: string[];
}

export interface FlowRecord {
  id: number;
  origin: string;
  dest: string;
  factor: string;
  basis: string;
  period_start: string;
  period_end: string;
  magnitude: number | null;
  unit: string | null;
  canon_magnitude: number | null;
  canon_unit: string | null;
  mechanism: string | null;
  integration_type: string | null;
  benefit_linkage: string[];
  source_id: string;
  note: string | null;
}

export type FlowRead =
  | { mode: 'records'; records: FlowRecord[]; locations: Location[]; sources: SourceRef[]; truncated: boolean }
  | { mode: 'aggregated'; flows: AggregatedFlow[]; locations: Location[]; sources: SourceRef[]; truncated: boolean };

export async function readFlows(db: Queryable, scope: FlowScope, opts: { minMagnitude?: number; limit: number }): Promise<FlowRead> {
  // One row more than asked tells whether the answer was cut.
  const params = [...scopeParams(scope), opts.minMagnitude ?? null, opts.limit + 1];
  if (!scope.level) {
    const rows = await db.query<FlowRecord>(rollupQuery('flows_records'), params);
    const truncated = rows.length > opts.limit;
    const records = rows.slice(0, opts.limit);
    const { locations, sources } = await context(db, records.flatMap((r) => [r.origin, r.dest]), records.map((r) => r.source_id));
    return { mode: 'records', records, locations, sources, truncated };
  }
  const rows = await db.query<AggregatedFlow>(rollupQuery('flows_od'), params);
  const truncated = rows.length > opts.limit;
  const flows = rows.slice(0, opts.limit);
  const { locations, sources } = await context(db, flows.flatMap((f) => [f.origin, f.dest]), flows.flatMap((f) => f.sources));
  return { mode: 'aggregated', flows, locations, sources, truncated };
}

async function context(db: Queryable, codes: string[], sourceIds: string[]) {
  const [locations, sources] = await Promise.all([
    db.query<Location>(namedQuery('flows_locations'), [[...new Set(codes)]]),
    db.query<SourceRef>(namedQuery('flows_sources'), [[...new Set(sourceIds)]]),
  ]);
  return { locations, sources };
}

export async function readSources(db: Queryable, ids: string[]): Promise<SourceRef[]> {
  return db.query<SourceRef>(namedQuery('flows_sources'), [[...new Set(ids)]]);
}
