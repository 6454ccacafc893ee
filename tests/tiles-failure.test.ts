// When the database fails, tile requests get a clear status (503 + Retry-After while it is unreachable or
// too slow) and never the database's own error text; an unexpected failure is a plain 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.ts';
import type { Running } from '../server/start.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

let t: TestDb;
let s: Running;
/** When set, every tile query fails with this error, as the driver would raise it. */
let failure: (Error & { code?: string }) | null = null;
const SECRET = 'relation "units" does not exist at character 42';

function failingTiles(db: Database): Database {
  return {
    engine: db.engine,
    query: (sql, params) => (failure && sql.includes('ST_TileEnvelope') ? Promise.reject(failure) : db.query(sql, params)),
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

function driverError(message: string, code?: string): Error & { code?: string } {
  return Object.assign(new Error(message), code ? { code } : {});
}

beforeAll(async () => {
  t = await emptyDb();
  s = await startTestServer(failingTiles(t.db), { TILE_CACHE_MB: '0' });
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

async function tile() {
  const r = await fetch(`${s.url}/tiles/counties/8/213/107.pbf`);
  const text = await r.text();
  return { status: r.status, retryAfter: r.headers.get('retry-after'), text };
}

describe('tiles when the database fails', () => {
  it('answers 503 with Retry-After while the database is unreachable', async () => {
    failure = driverError(`connect ECONNREFUSED 127.0.0.1:5432 (${SECRET})`, 'ECONNREFUSED');
    const r = await tile();
    expect(r.status).toBe(503);
    expect(r.retryAfter).toMatch(/^\d+$/);
    expect(r.text).not.toContain('ECONNREFUSED');
    expect(r.text).not.toContain(SECRET);
  });

  it('answers 503 with Retry-After when the tile query hits the statement timeout', async () => {
    failure = driverError(`canceling statement due to statement timeout; ${SECRET}`, '57014');
    const r = await tile();
    expect(r.status).toBe(503);
    expect(r.retryAfter).toMatch(/^\d+$/);
    expect(r.text).not.toContain('canceling statement');
  });

  it('answers 500 without the database error text when the query fails unexpectedly', async () => {
    failure = driverError(SECRET, '42P01');
    const r = await tile();
    expect(r.status).toBe(500);
    expect(r.text).not.toContain(SECRET);
    expect(JSON.parse(r.text).error.message).toBe('Internal server error.');
  });

  it('serves tiles again as soon as the database answers', async () => {
    failure = null;
    expect((await tile()).status).toBe(204); // the database is empty
  });
});
