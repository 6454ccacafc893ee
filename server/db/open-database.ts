import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { openPostgres } from './postgres-database.ts';

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded engine, loaded only when needed. */
export async function openDatabase(c: Config): Promise<Database> {
  if (c.databaseUrl) {
    return openPostgres({ url: c.databaseUrl, poolMax: c.poolMax, poolWaitMs: c.poolWaitMs, statementTimeoutMs: c.statementTimeoutMs, workMemMb: c.dbWorkMemMb });
  }
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite({ dir: c.pgliteDir });
}
