// What the benchmark times. Database scenarios go through the same typed wrappers and named SQL as the API
// (server/analysis/balance.ts, server/flows/flow-read.ts), with includeSynthetic on; HTTP scenarios go
// through the real routes. The baseline is a plain scan of the same table, measured in the same run. The
// balance has two paths (the pre-aggregated cube, and the exact one over the flows that any other filter
// takes); both are timed.
import { corePeriphery, unitBalance, unitBalanceRowsText, unitBalanceSeriesText } from '../../server/analysis/balance.ts';
import type { FlowScope } from '../../server/analysis/flow-scope.ts';
import type { Queryable } from '../../server/db/database.ts';
import { readFlows } from '../../server/flows/flow-read.ts';

export interface DbScenario {
  id: string;
  what: string;
  /** Timed only with --all (the default set keeps a run within minutes on a busy machine). */
  extra?: boolean;
  /** Runs once; returns what it got, for the report. */
  run(db: Queryable): Promise<string>;
}

const COUNTY: FlowScope & { level: 'county' } = { level: 'county', includeSynthetic: true };
const n = (x: number) => x.toLocaleString('en');

export const BASELINE: DbScenario = {
  id: 'baseline',
  what: 'SELECT count(*), sum(magnitude) FROM flows (plain scan of the same table)',
  async run(db) {
    const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n, sum(magnitude) AS s FROM flows');
    return `${n(r!.n)} flows`;
  },
};

/** The target's subject: county roll-up plus balance of every factor, basis and unit, over all flows. */
export const BALANCE_ALL: DbScenario = {
  id: 'balance.county.all',
  what: 'unitBalance, level county, every factor and basis (GET /api/balance?level=county): the balance cube',
  run: async (db) => `${n((await unitBalance(db, COUNTY)).length)} rows`,
};

/** The same answer in the series layout (GET /api/balance?level=county&layout=series), as the route reads it: JSON text. */
export const BALANCE_ALL_SERIES: DbScenario = {
  id: 'balance.county.all.series',
  what: 'unitBalanceSeriesText, level county, every factor and basis: the balance cube, the answer written as JSON text (layout=series)',
  async run(db) {
    const { units, series } = await unitBalanceSeriesText(db, COUNTY);
    // Counted without parsing, which the route does not do either: a code is 12 digits in quotes.
    const rows = series.match(/"\d{12}"/g)?.length ?? 0;
    const count = series.split('{"factor":').length - 1;
    return `${n(rows)} rows in ${count} series, ${((units.length + series.length) / 1024 / 1024).toFixed(1)} MB of JSON`;
  },
};

/**
 * The rows layout's answer as the route writes it, two ways: rows read as objects by node-postgres and written by
 * JSON.stringify (what the route did before session 5), and rows written by the server from the cube's series
 * arrays (balance-rows-text.ts, what it does now). Both end in the bytes of the rows array, so they compare.
 */
export const BALANCE_ALL_STRINGIFIED: DbScenario = {
  id: 'balance.county.all.stringified',
  what: 'unitBalance + JSON.stringify + Buffer.from, level county, every factor and basis: the rows layout as the route wrote it before session 5',
  async run(db) {
    const rows = await unitBalance(db, COUNTY);
    return `${n(rows.length)} rows, ${(Buffer.from(JSON.stringify(rows)).length / 1024 / 1024).toFixed(1)} MB`;
  },
};
export const BALANCE_ALL_WRITTEN: DbScenario = {
  id: 'balance.county.all.written',
  what: 'unitBalanceRowsText, level county, every factor and basis: the rows layout written from the series arrays (session 5)',
  async run(db) {
    const text = (await unitBalanceRowsText(db, COUNTY))!;
    return `${n(text.count)} rows, ${(text.rows.length / 1024 / 1024).toFixed(1)} MB`;
  },
};

const LABOUR_MODELLED = { ...COUNTY, factors: ['labour' as const], bases: ['modelled' as const] };
/** One factor, one mechanism (what a planner filtering nationally asks): balance_cube keeps no mechanism, the qualifier cube (migration 011) does. */
const LABOUR_MIGRATION = { ...COUNTY, factors: ['labour' as const], mechanisms: ['labour_migration'] };
/** Flows with an end inside one county (金水区, Zhengzhou), every factor. */
const JINSHUI = { ...COUNTY, unit: '410105000000' };
const CAPITAL_2020_2022 = { ...COUNTY, factors: ['capital' as const], from: '2020-01-01', to: '2022-12-31' };

/** GET /api/flows's reader with the route's default limit. */
function readFlowsScenario(id: string, what: string, scope: FlowScope): DbScenario {
  return {
    id,
    what,
    async run(db) {
      const r = await readFlows(db, scope, { limit: 20_000 });
      return `${n(r.mode === 'aggregated' ? r.flows.length : r.records.length)} flows${r.truncated ? ' (truncated)' : ''}`;
    },
  };
}

/** After the baseline, which is timed before every run of each of these. */
export const DB_SCENARIOS: readonly DbScenario[] = [
  BALANCE_ALL,
  BALANCE_ALL_STRINGIFIED,
  BALANCE_ALL_WRITTEN,
  BALANCE_ALL_SERIES,
  {
    id: 'balance.county.labour-modelled',
    what: 'unitBalance, county, factor labour, basis modelled (a choropleth of one factor): the balance cube',
    run: async (db) => `${n((await unitBalance(db, LABOUR_MODELLED)).length)} rows`,
  },
  {
    id: 'balance.county.capital-2020-2022',
    what: 'unitBalance, county, factor capital, period 2020–2022: the balance cube, per-period rows',
    run: async (db) => `${n((await unitBalance(db, CAPITAL_2020_2022, 2022)).length)} rows`,
  },
  {
    id: 'balance.county.all.exact',
    what: 'the same as balance.county.all on the exact path (what a mechanism or benefit filter runs)',
    run: async (db) => `${n((await unitBalance(db, COUNTY, undefined, 'exact')).length)} rows`,
  },
  {
    id: 'balance.county.labour-modelled.exact',
    what: 'the same as balance.county.labour-modelled on the exact path',
    run: async (db) => `${n((await unitBalance(db, LABOUR_MODELLED, undefined, 'exact')).length)} rows`,
  },
  {
    id: 'balance.county.labour-migration',
    what: 'unitBalance, county, factor labour, mechanism labour_migration: the qualifier cube (migration 011)',
    run: async (db) => `${n((await unitBalance(db, LABOUR_MIGRATION)).length)} rows`,
  },
  {
    id: 'balance.county.labour-migration.exact',
    what: 'the same as balance.county.labour-migration on the exact path (what it ran before migration 011)',
    run: async (db) => `${n((await unitBalance(db, LABOUR_MIGRATION, undefined, 'exact')).length)} rows`,
  },
  {
    id: 'balance.county.labour-migration.series',
    what: 'the same in the series layout (the map\'s request): the qualifier cube',
    run: async (db) => `${((await unitBalanceSeriesText(db, LABOUR_MIGRATION)).series.length / 1024).toFixed(0)} KB of series`,
  },
  {
    id: 'balance.county.labour-migration.series.exact',
    what: 'the same as balance.county.labour-migration.series on the exact path',
    run: async (db) => `${((await unitBalanceSeriesText(db, LABOUR_MIGRATION, undefined, 'exact')).series.length / 1024).toFixed(0)} KB of series`,
  },
  {
    id: 'balance.county.unit-jinshui.exact',
    what: 'unitBalance, county, flows with an end inside 金水区 (410105), every factor (the exact path)',
    run: async (db) => `${n((await unitBalance(db, JINSHUI)).length)} rows`,
  },
  readFlowsScenario('rollup.county.od.labour-migration', 'readFlows, county, factor labour, mechanism labour_migration (GET /api/flows with a mechanism filter)', LABOUR_MIGRATION),
  readFlowsScenario('rollup.county.od.unit-jinshui', 'readFlows, county, flows with an end inside 金水区 (GET /api/flows?unit=410105)', JINSHUI),
  readFlowsScenario('rollup.county.od', 'readFlows, level county, every factor (GET /api/flows?level=county, default limit 20,000)', COUNTY),
  {
    id: 'core-periphery.county',
    extra: true,
    what: 'corePeriphery, county, urbanisation ≥ 70 % is core (GET /api/balance/core-periphery)',
    run: async (db) => `${n((await corePeriphery(db, COUNTY, { rule: 'urbanisation', threshold: 70 })).length)} rows`,
  },
];

export interface HttpScenario {
  id: string;
  path: string;
  /** Served by a server that shows synthetic flows (the bench shim) or by the plain public server. */
  showSynthetic: boolean;
  /** Bump the data version (untimed) before every run, so no run is answered from the answer cache. */
  cold: boolean;
  what: string;
  extra?: boolean;
}

export const HTTP_SCENARIOS: readonly HttpScenario[] = [
  {
    id: 'http.balance.county.all',
    path: '/api/balance?level=county',
    showSynthetic: true,
    cold: true,
    what: 'real server, synthetic flows shown by the bench shim, every factor and basis; data version bumped before each run, so the answer cache is cold',
  },
  {
    id: 'http.balance.county.all.series',
    path: '/api/balance?level=county&layout=series',
    showSynthetic: true,
    cold: true,
    what: 'the same answer in the series layout (each unit once, one series per factor, basis and unit); cold answer cache',
  },
  {
    id: 'http.balance.county.all.repeat',
    path: '/api/balance?level=county',
    showSynthetic: true,
    cold: false,
    what: 'the same request repeated at one data version (answered from the answer cache)',
  },
  {
    id: 'http.balance.county.labour-modelled',
    path: '/api/balance?level=county&factor=labour&basis=modelled',
    showSynthetic: true,
    cold: true,
    what: 'real server, synthetic flows shown: labour, modelled; cold answer cache',
  },
  {
    id: 'http.balance.county.labour-migration',
    path: '/api/balance?level=county&factor=labour&mechanism=labour_migration',
    showSynthetic: true,
    cold: true,
    what: 'real server, synthetic flows shown: labour, mechanism labour_migration (the qualifier cube, migration 011); cold answer cache',
  },
  {
    id: 'http.balance.county.labour-migration.exact',
    // A period range the cube does not keep sends the same request down the exact path; every synthetic flow's
    // period is after 1949, so the answer is the same rows (and the same population year: no `to`).
    path: '/api/balance?level=county&factor=labour&mechanism=labour_migration&from=1949',
    showSynthetic: true,
    cold: true,
    what: 'the same answer on the exact path (a period from 1949, which the qualifier cube does not keep); cold answer cache',
  },
  {
    id: 'http.balance.county.labour-migration.series',
    path: '/api/balance?level=county&factor=labour&mechanism=labour_migration&layout=series',
    showSynthetic: true,
    cold: true,
    what: 'the same in the series layout, as the map asks for it (the qualifier cube); cold answer cache',
  },
  {
    id: 'http.balance.county.unit-jinshui',
    path: '/api/balance?level=county&unit=410105',
    showSynthetic: true,
    cold: true,
    what: 'real server, synthetic flows shown: flows with an end inside 金水区 (the exact path); cold answer cache',
  },
  {
    id: 'http.balance.county.public',
    path: '/api/balance?level=county',
    showSynthetic: false,
    cold: true,
    what: 'real server as deployed: synthetic flows hidden (must answer 0 rows); cold answer cache',
  },
];
