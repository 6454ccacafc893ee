// Which database engine the tests run on. A reachable PostgreSQL with PostGIS wins; without one the
// tests fall back to embedded PGlite, except in CI, where a missing PostGIS is a failure, not a skip.
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestEngine = { kind: 'postgis'; adminUrl: string } | { kind: 'pglite' };

export async function detectEngine(): Promise<TestEngine> {
  if (process.env.TEST_ENGINE === 'pglite') return { kind: 'pglite' };
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const r = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
    if (!r.rowCount) throw new Error('PostgreSQL is running but the postgis extension is not installed');
    return { kind: 'postgis', adminUrl: ADMIN_URL };
  } catch (err) {
    if (process.env.CI === 'true' || process.env.TEST_ENGINE === 'postgis') {
      throw new Error(`PostGIS is required here but not usable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}`);
    }
    return { kind: 'pglite' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
