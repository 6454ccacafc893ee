// Applies sql/migrations in order, each once, each in its own transaction. Safe to run on every start and
// from several processes at once (an advisory lock serialises them).
import type { Database } from './database.ts';
import { listMigrations } from './sql-files.ts';

const LOCK_KEY = 330300; // any constant shared by every atlas process

export async function migrate(db: Database): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The newest migration this code knows; /ready compares it with the database. */
export function expectedSchemaVersion(): string {
  const all = listMigrations();
  return all[all.length - 1]?.version ?? '';
}
