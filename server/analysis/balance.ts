// Net balance per unit, core–periphery totals and corridors: thin typed wrappers over the SQL, shared by
// the HTTP routes and by anything else (benchmarks, CLIs) that needs the same answers.
import type { Queryable } from '../db/database.ts';
import { type FlowScope, scopeParams } from './flow-scope.ts';
import { canUseCube, canUseQualifierCube } from './balance-cube.ts';
import { composedQuery, rollupQuery } from './rollup-sql.ts';
import { type BalanceArraysRow, type BalanceRowsText, writeBalanceRows } from './balance-rows-text.ts';

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

/** How a balance answer is laid out: one row per unit, factor, basis and unit of measure, or series (balance_series_tail.sql). */
export type BalanceLayout = 'rows' | 'series';

/** The statement's own layouts: `arrays` is the rows layout sent as series arrays for the server to write (cube paths only). */
type StatementLayout = BalanceLayout | 'arrays';

const TAILS: Record<StatementLayout, string[]> = {
  rows: ['balance_pops', 'balance_tail'],
  // The series tail looks up the populations of its own units (balance_series_tail.sql).
  series: ['balance_series_tail'],
  arrays: ['balance_rows_arrays_tail'],
};

/** Where a balance is summed: balance_cube, balance_qualifier_cube (one qualifier filter) or the flows themselves. */
export type BalancePath = 'cube' | 'qualifier' | 'exact';

const CUBE_BODIES: Record<Exclude<BalancePath, 'exact'>, { body: string; can: (scope: FlowScope) => boolean }> = {
  cube: { body: 'balance_cube', can: canUseCube },
  qualifier: { body: 'balance_qualifier_cube', can: canUseQualifierCube },
};

/** The path a balance takes when none is asked for: the first cube that keeps every filter, else the exact path. */
export function balancePath(scope: FlowScope): BalancePath {
  if (canUseCube(scope)) return 'cube';
  if (canUseQualifierCube(scope)) return 'qualifier';
  return 'exact';
}

/** The statement a balance request runs (a path may be forced, for tests and benchmarks, where it is exact). */
export function balanceStatement(scope: LevelScope, layout: StatementLayout = 'rows', path?: BalancePath): { path: BalancePath; sql: string } {
  const chosen = path ?? balancePath(scope);
  const tail = TAILS[layout];
  if (chosen === 'exact') {
    // The arrays tail looks up every unit of the level: bounded on the cube's levels, not on the exact path's.
    if (layout === 'arrays') throw new Error('the rows are written from arrays on the cube paths only');
    return { path: 'exact', sql: rollupQuery('balance_units', ...tail) };
  }
  const cube = CUBE_BODIES[chosen];
  if (!cube.can(scope)) throw new Error(`the ${cube.body} does not keep the filters of this scope`);
  return { path: chosen, sql: composedQuery(cube.body, ...tail) };
}

const balanceParams = (scope: LevelScope, populationYear?: number) => [
  ...scopeParams({ ...scope, direction: scope.unit ? scope.direction : 'either' }),
  populationYear ?? null,
];

export async function unitBalance(db: Queryable, scope: LevelScope, populationYear?: number, path?: BalancePath) {
  return db.query<BalanceRow>(balanceStatement(scope, 'rows', path).sql, balanceParams(scope, populationYear));
}

/**
 * unitBalance's rows as the JSON text JSON.stringify writes for them (balance-rows-text.ts), or null where the
 * balance takes the exact path, whose rows are still read as objects.
 */
export async function unitBalanceRowsText(db: Queryable, scope: LevelScope, populationYear?: number, path?: BalancePath): Promise<BalanceRowsText | null> {
  if ((path ?? balancePath(scope)) === 'exact') return null;
  return writeBalanceRows(await db.query<BalanceArraysRow>(balanceStatement(scope, 'arrays', path).sql, balanceParams(scope, populationYear)));
}

export interface BalanceUnit {
  name_zh: string;
  name_en: string | null;
  population: number | null;
  population_year: number | null;
  population_source: string | null;
}

export interface BalanceSeries {
  factor: string;
  basis: string;
  unit: string | null;
  /** Unit codes in code order; the arrays below hold the figures of code[i] at index i. */
  code: string[];
  /** null for documented flows, which have no figure. */
  inflow: number[] | null;
  outflow: number[] | null;
  internal: number[] | null;
  inflow_count: number[];
  outflow_count: number[];
  internal_count: number[];
}

/** The series answer as the database writes it: `units` and `series` as JSON text, the population sources cited. */
export interface BalanceSeriesText {
  units: string;
  series: string;
  sources: string[];
}

/** The same balance as unitBalance as JSON text (balance_series_tail.sql): each unit once, then one series per factor, basis and unit. */
export async function unitBalanceSeriesText(db: Queryable, scope: LevelScope, populationYear?: number, path?: BalancePath): Promise<BalanceSeriesText> {
  const [row] = await db.query<BalanceSeriesText>(balanceStatement(scope, 'series', path).sql, balanceParams(scope, populationYear));
  return row!;
}

/** unitBalanceSeriesText parsed. */
export async function unitBalanceSeries(db: Queryable, scope: LevelScope, populationYear?: number, path?: BalancePath) {
  const text = await unitBalanceSeriesText(db, scope, populationYear, path);
  return { units: JSON.parse(text.units) as Record<string, BalanceUnit>, series: JSON.parse(text.series) as BalanceSeries[] };
}

export type CorePeripheryRule = { rule: 'urbanisation'; threshold: number; year?: number } | { rule: 'list'; core: string[] };

export interface CorePeripheryRow {
  /** 'stray': a core code outside the scope unit (code only). */
  row_kind: 'total' | 'unit' | 'stray';
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
  /** Across the scope unit's edge, by way ('core_to_outside', 'outside_to_periphery', …); null when none crosses. */
  crossing_sums: Record<string, number | null> | null;
  crossing_counts: Record<string, number> | null;
}

/** With `scope.unit` (coarser than the level) only the units inside it are grouped; flows across its edge are summed apart. */
export async function corePeriphery(db: Queryable, scope: LevelScope, rule: CorePeripheryRule) {
  const params = [
    // Either direction: a scope takes every flow with an end inside it, the crossing ones included.
    ...scopeParams({ ...scope, direction: 'either' }),
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
