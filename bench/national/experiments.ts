// EXPERIMENTS (bench/national/run.ts --experiments): what would bring the county balance under its target.
// They run only in the bench database, change nothing in the server, and are reported apart from the
// API's own figures. Every variant must return exactly the rows the API's query returns (compared by
// digest), or it is reported as wrong instead of timed.
import crypto from 'node:crypto';
import { unitBalance } from '../../server/analysis/balance.ts';
import { scopeParams, type FlowScope } from '../../server/analysis/flow-scope.ts';
import type { Database, Queryable } from '../../server/db/database.ts';
import { type Timing, timePaired } from './measure.ts';
import { benchSql } from './sql-text.ts';

export interface Experiment {
  id: string;
  what: string;
  timing?: Timing;
  /** Set when the variant's rows differ from the API query's rows. */
  wrong?: string;
}

const SCOPES: Record<string, FlowScope & { level: 'county' }> = {
  all: { level: 'county', includeSynthetic: true },
  'labour-modelled': { level: 'county', includeSynthetic: true, factors: ['labour'], bases: ['modelled'] },
};

const TUNED = { jit: 'off', work_mem: '64MB' };

const digest = (rows: unknown[]) => crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);

/** Runs fn in a transaction with the given settings (set_config(…, true): gone at commit). */
function withSettings<T>(db: Database, settings: Record<string, string>, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [k, v] of Object.entries(settings)) await tx.query('SELECT set_config($1, $2, true)', [k, v]);
    return fn(tx);
  });
}

const composed = (rolled: string) => `WITH ${benchSql(rolled)},\n${benchSql('exp_balance_tail')}`;

async function setUp(db: Database, name: string, what: string, log: (s: string) => void): Promise<Experiment> {
  log(`experiment set-up: ${what}`);
  const t = Date.now();
  await db.exec(benchSql(name));
  return { id: `setup.${name}`, what: `${what}: ${((Date.now() - t) / 1000).toFixed(1)} s once (what each import or write would pay)` };
}

export async function runExperiments(
  db: Database,
  o: { runs: number; warmup: number; baseline: () => Promise<string>; log: (s: string) => void },
): Promise<Experiment[]> {
  const out: Experiment[] = [];
  out.push(await setUp(db, 'exp_unit_rollup_table', 'unit_rollup kept as a table (bench_exp_unit_rollup)', o.log));
  out.push(await setUp(db, 'exp_flow_county_ends_table', 'every flow rolled up to county once (bench_exp_flow_county_ends)', o.log));
  out.push(await setUp(db, 'exp_flows_wide_table', 'flows with county ends and canonical magnitude stored (bench_exp_flows_wide)', o.log));
  const viaTable = composed('exp_rolled_unit_rollup');
  const viaEnds = composed('exp_rolled_county_ends');
  const viaWide = composed('exp_rolled_flows_wide');

  for (const [name, scope] of Object.entries(SCOPES)) {
    const reference = digest(await unitBalance(db, scope));
    const params = [...scopeParams(scope), null];
    const variants: { id: string; what: string; settings: Record<string, string>; query: (tx: Queryable) => Promise<unknown[]> }[] = [
      { id: `api-sql.jit-off.${name}`, what: "the API's SQL unchanged, jit = off", settings: { jit: 'off' }, query: (tx) => unitBalance(tx, scope) },
      { id: `api-sql.tuned.${name}`, what: "the API's SQL unchanged, jit = off, work_mem = 64MB", settings: TUNED, query: (tx) => unitBalance(tx, scope) },
      { id: `rewrite.${name}`, what: 'rewritten query over the unit_rollup table, server defaults', settings: {}, query: (tx) => tx.query(viaTable, params) },
      { id: `rewrite.tuned.${name}`, what: 'rewritten query over the unit_rollup table, jit = off, work_mem = 64MB', settings: TUNED, query: (tx) => tx.query(viaTable, params) },
      { id: `county-ends.tuned.${name}`, what: 'rewritten query over precomputed county ends per flow, jit = off, work_mem = 64MB', settings: TUNED, query: (tx) => tx.query(viaEnds, params) },
      { id: `flows-wide.tuned.${name}`, what: 'rewritten query over a precomputed wide table (county ends, canonical magnitude), jit = off, work_mem = 64MB', settings: TUNED, query: (tx) => tx.query(viaWide, params) },
    ];
    for (const v of variants) {
      o.log(`experiment ${v.id}`);
      const got = digest(await withSettings(db, v.settings, v.query));
      if (got !== reference) {
        out.push({ id: v.id, what: v.what, wrong: `rows differ from the API query's (digest ${got}, API ${reference})` });
        o.log(`  ${v.id}: WRONG ${out[out.length - 1]!.wrong}`);
        continue;
      }
      // The digest run above served as the warm-up.
      const timing = await timePaired(async () => `${(await withSettings(db, v.settings, v.query)).length} rows`, o.baseline, { runs: o.runs, warmup: 0 });
      out.push({ id: v.id, what: `${v.what} (${name})`, timing });
      o.log(`  ${v.id}: median ${timing.median.toFixed(0)} ms, ${timing.ratio!.toFixed(1)}× baseline`);
    }
  }
  return out;
}
