// Imports the Wenzhou demo once per test run into a template (PostGIS) or a data-dir dump (PGlite), so
// each test file can start from the seeded state in a second instead of re-importing.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, repoRoot } from '../../server/config.ts';
import { setLogLevel } from '../../server/log.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres-database.ts';
import { databaseUrl, detectEngine } from './engine.ts';

// Named per run, so that two test runs on one machine never drop each other's template.
const RUN_ID = `${process.pid}_${Date.now().toString(36)}`;
const TEMPLATE_DB = `atlas_template_${RUN_ID}`;
const PGLITE_DUMP = path.join(repoRoot, 'tests', '.tmp', `pglite-seeded-${RUN_ID}.tar`);
// A migrated but empty data dir: opening and migrating a fresh PGlite costs tens of seconds per test file.
const PGLITE_EMPTY_DUMP = path.join(repoRoot, 'tests', '.tmp', `pglite-empty-${RUN_ID}.tar`);
let cleanup: () => Promise<void> = async () => undefined;

export async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  setLogLevel('error');
  const engine = await detectEngine();
  provide('engine', engine);
  provide('template', TEMPLATE_DB);
  provide('pgliteDump', PGLITE_DUMP);
  provide('pgliteEmptyDump', PGLITE_EMPTY_DUMP);
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'error' }), seedDemo: true };
  const { seedAll } = await import('../../server/seed.ts');
  const started = Date.now();
  if (engine.kind === 'postgis') {
    const admin = new pg.Client({ connectionString: engine.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const db = openPostgres({ url: databaseUrl(engine.adminUrl, TEMPLATE_DB), poolMax: 2, poolWaitMs: 10_000, statementTimeoutMs: 600_000 });
    await migrate(db);
    await seedAll(db, config);
    await db.close();
    cleanup = async () => {
      const a = new pg.Client({ connectionString: engine.adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await a.end();
    };
  } else {
    const { openPglite } = await import('../../server/db/pglite-database.ts');
    const db = await openPglite({ dir: 'memory' });
    await migrate(db);
    fs.mkdirSync(path.dirname(PGLITE_DUMP), { recursive: true });
    fs.writeFileSync(PGLITE_EMPTY_DUMP, Buffer.from(await (await db.dump()).arrayBuffer()));
    await seedAll(db, config);
    fs.writeFileSync(PGLITE_DUMP, Buffer.from(await (await db.dump()).arrayBuffer()));
    await db.close();
    cleanup = async () => {
      fs.rmSync(PGLITE_DUMP, { force: true });
      fs.rmSync(PGLITE_EMPTY_DUMP, { force: true });
    };
  }
  console.log(`[tests] engine ${engine.kind}; demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function teardown() {
  await cleanup();
}
