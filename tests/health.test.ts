import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import type { Running } from '../server/start.ts';

let t: TestDb;
let s: Running;
beforeAll(async () => {
  t = await seededDb();
  s = await startTestServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

describe('health', () => {
  it('answers /health with ok', async () => {
    const r = await fetch(`${s.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });
  it('answers /ready with the current schema version', async () => {
    const body = await (await fetch(`${s.url}/ready`)).json();
    expect(body.status).toBe('ready');
    expect(body.schema).toMatch(/^\d{3}_/);
  });
  it('answers an unknown route with a JSON 404', async () => {
    const r = await fetch(`${s.url}/nope`);
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe('not_found');
  });
});
