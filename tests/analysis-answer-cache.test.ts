// Repeated reads are answered from memory per data version; a write makes every later read fresh.
import { describe, expect, it } from 'vitest';
import { getJson, useFixtureServer, WRITE_TOKEN } from './fixtures/flows/harness.ts';
import { AnswerCache } from '../server/analysis/answer-cache.ts';

describe('answer cache', () => {
  it('drops every answer of an older data version once a newer one is seen', () => {
    const c = new AnswerCache(1000);
    c.set('/api/balance?level=county', 1, Buffer.from('old'));
    expect(c.get('/api/balance?level=county', 1)?.toString()).toBe('old');
    expect(c.get('/api/balance?level=county', 2)).toBeUndefined();
    expect(c.size).toBe(0);
    c.set('/api/balance?level=county', 1, Buffer.from('late answer of an old version'));
    expect(c.get('/api/balance?level=county', 2)).toBeUndefined();
  });

  it('evicts the least recently used answers beyond its byte limit', () => {
    const c = new AnswerCache(10);
    c.set('a', 1, Buffer.from('12345'));
    c.set('b', 1, Buffer.from('12345'));
    c.get('a', 1);
    c.set('c', 1, Buffer.from('12345'));
    expect(c.get('b', 1)).toBeUndefined();
    expect(c.get('a', 1)?.toString()).toBe('12345');
    expect(c.get('c', 1)?.toString()).toBe('12345');
    c.set('huge', 1, Buffer.from('more than ten bytes'));
    expect(c.get('huge', 1)).toBeUndefined();
  });
});

describe('cached answers over HTTP', () => {
  const world = useFixtureServer();

  it('answers a repeated balance, in any parameter order, from the cache with the same body', async () => {
    const first = await getJson(`${world.url}/api/balance?level=county&factor=labour&basis=observed`);
    const again = await getJson(`${world.url}/api/balance?basis=observed&factor=labour&level=county`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-answer-cache')).toBe('miss');
    expect(again.headers.get('x-answer-cache')).toBe('hit');
    expect(again.body).toEqual(first.body);
  });

  it('answers afresh after a write, with the written flow counted', async () => {
    const url = `${world.url}/api/balance?level=county&factor=capital&basis=documented`;
    const before = await getJson(url);
    await getJson(url);
    const w = await getJson(`${world.url}/api/flows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` },
      body: JSON.stringify({ origin: '330381', dest: '330382', factor: 'capital', period: '2024', basis: 'documented', source_id: 'test.fixture' }),
    });
    expect(w.status).toBe(201);
    const after = await getJson(url);
    expect(after.headers.get('x-answer-cache')).toBe('miss');
    const count = (b: { rows: Array<{ code: string; inflow_count: number }> }) => b.rows.find((r) => r.code === '330382000000')?.inflow_count ?? 0;
    expect(count(after.body)).toBe(count(before.body) + 1);
  });
});
