// Per-test-file databases: a fresh copy of the seeded demo, or an empty migrated one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres-database.ts';
import { databaseUrl, type TestEngine } from './engine.ts';

export interface TestDb {
  db: Database;
  engine: TestEngine['kind'];
  /** Only for PostGIS: the URL of this test's own database. */
  url?: string;
  drop(): Promise<void>;
}

export function testEngine(): TestEngine {
  return inject('engine' as never) as TestEngine;
}

async function createPostgres(adminUrl: string, template: string | null): Promise<TestDb> {
  const name = `atlas_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = databaseUrl(adminUrl, name);
  const db = openPostgres({ url, poolMax: 5, poolWaitMs: 5000, statementTimeoutMs: 60_000 });
  return {
    db,
    engine: 'postgis',
    url,
    async drop() {
      await db.close().catch(() => undefined);
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A private copy of the seeded Wenzhou demo. */
export async function seededDb(): Promise<TestDb> {
  const engine = testEngine();
  if (engine.kind === 'postgis') return createPostgres(engine.adminUrl, inject('template' as never) as string);
  const { openPglite } = await import('../../server/db/pglite-database.ts');
  const dump = inject('pgliteDump' as never) as string;
  const db = await openPglite({ dir: 'memory', loadDataDir: new Blob([fs.readFileSync(dump)]) });
  return { db, engine: 'pglite', drop: () => db.close() };
}

/** An empty database with the current schema. */
export async function emptyDb(): Promise<TestDb> {
  const engine = testEngine();
  let t: TestDb;
  if (engine.kind === 'postgis') t = await createPostgres(engine.adminUrl, null);
  else {
    const { openPglite } = await import('../../server/db/pglite-database.ts');
    const dump = inject('pgliteEmptyDump' as never) as string;
    const db = await openPglite({ dir: 'memory', loadDataDir: new Blob([fs.readFileSync(dump)]) });
    t = { db, engine: 'pglite', drop: () => db.close() };
  }
  await migrate(t.db);
  return t;
}
