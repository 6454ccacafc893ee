// Net balance per unit, core–periphery totals and corridors: thin typed wrappers over the SQL, shared by
// the HTTP routes and by anything else (benchmarks, CLIs) that needs the same answers.
import type { Queryable } from '../db/database.ts';
import { type FlowScope, scopeParams } from './flow-scope.ts';
import { canUseCube } from './balance-cube.ts';
import { composedQuery, rollupQuery } from './rollup-sql.ts';

export interface BalanceRow {
  code: string;
  name_zh: string;
  name_en: string | null;
  factor: string;
  basis: string;
  unit: string | null;
  inflow: number | null;
  outflow: number | null;
  net: number | null;
  internal: number | null;
  inflow_count: number;
  outflow_count: number;
  internal_count: number;
  population: number | null;
  population_year: number | null;
  population_source: string | null;
  net_per_resident: number | null;
}

type LevelScope = FlowScope & { level: NonNullable<FlowScope['level']> };

/** The statement a balance request runs: the pre-aggregated cube when it keeps every filter asked for. */
export function balanceStatement(scope: LevelScope): { path: 'cube' | 'exact'; sql: string } {
  return canUseCube(scope)
    ? { path: 'cube', sql: composedQuery('balance_cube', 'balance_tail') }
    : { path: 'exact', sql: rollupQuery('balance_units', 'balance_tail') };
}

export async function unitBalance(db: Queryable, scope: LevelScope, populationYear?: number, path?: 'cube' | 'exact') {
  const chosen = balanceStatement(scope);
  const sql = path === 'exact' ? rollupQuery('balance_units', 'balance_tail') : chosen.sql;
  if (path === 'cube' && chosen.path !== 'cube') throw new Error('the balance cube does not keep the filters of this scope');
  return db.query<BalanceRow>(sql, [...scopeParams({ ...scope, direction: scope.unit ? scope.direction : 'either' }), populationYear ?? null]);
}

export type CorePeripheryRule = { rule: 'urbanisation'; threshold: number; year?: number } | { rule: 'list'; core: string[] };

export interface CorePeripheryRow {
  row_kind: 'total' | 'unit';
  code: string | null;
  name_zh: string | null;
  name_en: string | null;
  grp: 'core' | 'periphery' | 'unclassified' | null;
  urbanisation_rate: number | null;
  urbanisation_year: number | null;
  urbanisation_source: string | null;
  factor: string | null;
  basis: string | null;
  unit: string | null;
  core_to_periphery: number | null;
  periphery_to_core: number | null;
  within_core: number | null;
  within_periphery: number | null;
  core_to_periphery_count: number | null;
  periphery_to_core_count: number | null;
  within_core_count: number | null;
  within_periphery_count: number | null;
  unclassified_count: number | null;
}

export async function corePeriphery(db: Queryable, scope: LevelScope, rule: CorePeripheryRule) {
  const params = [
    ...scopeParams(scope),
    rule.rule,
    rule.rule === 'urbanisation' ? rule.threshold : null,
    rule.rule === 'urbanisation' ? (rule.year ?? null) : null,
    rule.rule === 'list' ? rule.core : null,
  ];
  return db.query<CorePeripheryRow>(rollupQuery('balance_core_periphery'), params);
}

export interface CorridorRow {
  direction: 'in' | 'out';
  factor: string;
  basis: string;
  unit: string | null;
  rank: number;
  partner: string;
  name_zh: string;
  name_en: string | null;
  level: string;
  magnitude: number | null;
  count: number;
  sources: string[];
}

export async function corridors(db: Queryable, scope: FlowScope & { unit: string; level: NonNullable<FlowScope['level']> }, perGroup: number) {
  return db.query<CorridorRow>(rollupQuery('corridors_unit'), [...scopeParams({ ...scope, direction: 'either' }), perGroup]);
}
