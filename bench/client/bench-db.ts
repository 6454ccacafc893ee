// The client benchmark's databases on the PostgreSQL server: a base with the Wenzhou demo (imported by
// the server's own first start) and copies of it holding 10k and 100k synthetic flows. Each finished
// database carries a stamp (generator version, seed, count) as its comment and is reused while it matches;
// the demo's own databases are never touched.
import pg from 'pg';
import { namedBenchSql } from './bench-sql.ts';
import { GENERATOR_VERSION, SYNTHETIC_SOURCE, syntheticFlows, type EndUnit } from './synthetic-flows.ts';

export const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const BASE_DB = 'atlas_bench_client_demo';
const SEED = 20261125;
const BATCH = 10_000;

export function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const stampOf = (name: string): Promise<string | null> =>
  admin(async (c) => (await c.query<{ d: string | null }>("SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1", [name])).rows[0]?.d ?? null);

async function setStamp(name: string, stamp: string): Promise<void> {
  await admin(async (c) => {
    const q = await c.query<{ l: string }>('SELECT quote_literal($1) AS l', [stamp]);
    await c.query(`COMMENT ON DATABASE ${name} IS ${q.rows[0]!.l}`);
  });
}

export async function recreate(name: string, template?: string): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
}

/** A copy of the base with n synthetic flows; reused when its stamp matches. Returns the database name. */
export async function syntheticDb(n: number, log: (m: string) => void): Promise<string> {
  const name = `atlas_bench_client_${n >= 1000 ? `${n / 1000}k` : n}`;
  const stamp = JSON.stringify({ generator: GENERATOR_VERSION, seed: SEED, flows: n, base: await stampOf(BASE_DB) });
  if ((await stampOf(name)) === stamp) return name;
  const started = Date.now();
  await recreate(name, BASE_DB);
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    await c.query(namedBenchSql('upsert_source'), [SYNTHETIC_SOURCE, '合成基准数据（非真实）/ Synthetic benchmark flows, not real', 'Chengxiang Atlas benchmark', 'CC0-1.0', `generator v${GENERATOR_VERSION}, seed ${SEED}`]);
    const units = (await c.query<EndUnit>(namedBenchSql('located_ends'))).rows;
    const cols = syntheticFlows(units, n, SEED);
    const terms = ['revenue_sharing', 'risk_sharing', 'collective_dividends', 'subsidy'];
    for (let i = 0; i < n; i += BATCH) {
      const s = (a: unknown[]) => a.slice(i, i + BATCH);
      await c.query(namedBenchSql('insert_flows'), [
        s(cols.origin), s(cols.dest), s(cols.factor), s(cols.periodStart), s(cols.periodEnd), s(cols.magnitude), s(cols.unit), s(cols.basis),
        s(cols.mechanism), s(cols.integrationType), s(cols.benefitMask), SYNTHETIC_SOURCE, terms,
      ]);
    }
    await c.query('ANALYZE flows');
    const count = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM flows WHERE synthetic')).rows[0]!.n;
    log(`${name}: ${count.toLocaleString('en')} synthetic flows among ${units.length} located townships and villages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
  await setStamp(name, stamp);
  return name;
}

export { setStamp };
