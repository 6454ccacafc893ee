// Writes need a bearer token with the write scope, and every write bumps the data version inside its
// transaction, so ETags of reads change with it.
import { describe, expect, it } from 'vitest';
import { READ_TOKEN, WRITE_TOKEN, getJson, startFactorServer, useFixtureServer } from './fixtures/flows/harness.ts';

const world = useFixtureServer();

const newFlow = { origin: '330381', dest: '330305', factor: 'capital', period: '2023/2025', basis: 'documented', mechanism: 'capital_pooling', source_id: 'test.fixture' };
const send = (method: string, path: string, body?: unknown, token?: string) =>
  getJson(`${world.url}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
const version = async () => Number((await world.db.query<{ version: number }>('SELECT version FROM data_version'))[0]!.version);

describe('authentication of writes', () => {
  it('answers a write without a token with 401 and a Bearer challenge', async () => {
    const r = await send('POST', '/api/flows', newFlow);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers a write with an unknown token with 401', async () => {
    expect((await send('POST', '/api/flows', newFlow, 'not-a-token-at-all-000000')).status).toBe(401);
  });

  it('answers a write with a read-only token with 403', async () => {
    for (const [method, path] of [['POST', '/api/flows'], ['PUT', '/api/flows/1'], ['DELETE', '/api/flows/1'], ['POST', '/api/alliances'], ['POST', '/api/indicators/bulk'], ['POST', '/api/sources']]) {
      const r = await send(method!, path!, newFlow, READ_TOKEN);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
  });

  it('makes nothing writable when the operator configured no tokens', async () => {
    const bare = await startFactorServer(world.db, { ATLAS_TOKENS: '' });
    try {
      const r = await getJson(`${bare.url}/api/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` }, body: JSON.stringify(newFlow) });
      expect(r.status).toBe(401);
    } finally {
      await bare.close();
    }
  });

  it('leaves reads open without a token', async () => {
    expect((await send('GET', '/api/flows')).status).toBe(200);
  });
});

describe('writing flows, alliances and indicators', () => {
  it('creates, replaces and deletes a flow, bumping the data version each time', async () => {
    const v0 = await version();
    const created = await send('POST', '/api/flows', newFlow, WRITE_TOKEN);
    expect(created.status).toBe(201);
    expect(created.body.flow).toMatchObject({ origin: '330381000000', dest: '330305000000', basis: 'documented', magnitude: null, period: '2023/2025' });
    expect(created.body.data_version).toBe(v0 + 1);
    const id = created.body.flow.id;

    const replaced = await send('PUT', `/api/flows/${id}`, { ...newFlow, basis: 'observed', magnitude: '12.5', magnitude_unit: 'cny_100m' }, WRITE_TOKEN);
    expect(replaced.status).toBe(200);
    expect(replaced.body.flow).toMatchObject({ basis: 'observed', magnitude: 12.5, magnitude_unit: 'cny_100m' });
    expect(await version()).toBe(v0 + 2);

    expect((await send('DELETE', `/api/flows/${id}`, undefined, WRITE_TOKEN)).status).toBe(204);
    expect(await version()).toBe(v0 + 3);
    expect((await send('DELETE', `/api/flows/${id}`, undefined, WRITE_TOKEN)).status).toBe(404);
  });

  it('changes the ETag of a read after a write', async () => {
    const before = await fetch(`${world.url}/api/flows?level=county`);
    const tag = before.headers.get('etag')!;
    const created = await send('POST', '/api/flows', { ...newFlow, period: '2022' }, WRITE_TOKEN);
    expect(created.status).toBe(201);
    const after = await fetch(`${world.url}/api/flows?level=county`, { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(tag);
  });

  it('rejects a documented flow that has a magnitude, naming the field', async () => {
    const r = await send('POST', '/api/flows', { ...newFlow, magnitude: 5, magnitude_unit: 'cny_10k' }, WRITE_TOKEN);
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, field: 'magnitude' })]));
  });

  it('rejects a flow that duplicates a stored one', async () => {
    const r = await send('POST', '/api/flows', { origin: '330329', dest: '330382', factor: 'labour', period: '2020', magnitude: 50, magnitude_unit: 'persons', basis: 'observed', source_id: 'test.fixture' }, WRITE_TOKEN);
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors[0].reason).toMatch(/^duplicate of flow \d+ already stored$/);
  });

  it('creates an alliance and an indicator', async () => {
    const a = await send('POST', '/api/alliances', { programme: 'study_pairing', a_code: '330381', a_role: 'core', b_code: '330305', b_role: 'periphery', source_id: 'test.fixture' }, WRITE_TOKEN);
    expect(a.status).toBe(201);
    const list = await getJson(`${world.url}/api/alliances?unit=330305`);
    expect(list.body.alliances).toEqual([expect.objectContaining({ programme: 'study_pairing', a: expect.objectContaining({ code: '330381000000', role: 'core' }) })]);
    const i = await send('POST', '/api/indicators', { unit_code: '330305', year: 2021, indicator: 'population_resident', value: 15.03, unit: 'persons_10k', source_id: 'test.fixture' }, WRITE_TOKEN);
    expect(i.status).toBe(201);
    expect(i.body.indicator).toMatchObject({ value: 150300, unit: 'persons' });
  });

  it('adds a source that later records can cite', async () => {
    const r = await send('POST', '/api/sources', { id: 'test.added', title: 'Added source', publisher: 'tests', licence: 'CC-BY-4.0', url: 'https://example.org/x' }, WRITE_TOKEN);
    expect(r.status).toBe(201);
    expect((await send('POST', '/api/sources', { id: 'test.added', title: 'x', publisher: 'x', licence: 'x' }, WRITE_TOKEN)).status).toBe(409);
    expect((await send('POST', '/api/flows', { ...newFlow, period: '2019', source_id: 'test.added' }, WRITE_TOKEN)).status).toBe(201);
  });

  it('answers an over-large single body with 413 and says what the limit is', async () => {
    const r = await send('POST', '/api/flows', { ...newFlow, note: 'x'.repeat(100_000) }, WRITE_TOKEN);
    expect(r.status).toBe(413);
    expect(r.body.error.message).toContain('64kb');
  });
});
