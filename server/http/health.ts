import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { expectedSchemaVersion } from '../db/migrate.ts';
import { HttpError } from './errors.ts';

export function healthRouter({ db }: AppContext): Router {
  const r = Router();
  r.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/ready', async (_req, res) => {
    const expected = expectedSchemaVersion();
    const rows = await db.query<{ version: string }>('SELECT max(version) AS version FROM schema_migrations');
    const actual = rows[0]?.version ?? null;
    if (actual !== expected) {
      throw new HttpError(503, 'schema_outdated', `Database schema is ${actual ?? 'missing'}, expected ${expected}.`, undefined, {
        'Retry-After': '5',
      });
    }
    res.json({ status: 'ready', engine: db.engine, schema: actual });
  });
  return r;
}
