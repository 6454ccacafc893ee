// The allow-lists the API checks input against must be exactly the terms the database accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { getJson, startFactorServer, type FactorServer } from './fixtures/flows/harness.ts';
import { VOCABULARY_TABLES } from '../server/flows/vocabulary.ts';

let t: TestDb;
let s: FactorServer;
beforeAll(async () => {
  t = await emptyDb();
  s = await startFactorServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

describe('vocabularies', () => {
  for (const [name, v] of Object.entries(VOCABULARY_TABLES)) {
    it(`lists the same ${name} in server/flows/vocabulary.ts as in the ${v.table} table`, async () => {
      const rows = await t.db.query<{ key: string }>(`SELECT key FROM ${v.table}`);
      expect(rows.map((r) => r.key).sort()).toEqual([...v.keys].sort());
    });
  }

  it('serves every vocabulary with Chinese and English labels', async () => {
    const r = await getJson(`${s.url}/api/flows/vocabulary`);
    expect(r.status).toBe(200);
    expect(r.body.factors.map((f: any) => f.key)).toEqual(['labour', 'land', 'capital', 'technology', 'data', 'ecology']);
    expect(r.body.programmes.find((p: any) => p.key === 'mountain_sea')).toMatchObject({ name_zh: '山海协作' });
  });

  it('rejects a flow whose benefit linkage is outside the list, in the database too', async () => {
    await expect(
      t.db.query("INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, basis, benefit_linkage, source_id) VALUES ('1','2','land','2020-01-01','2020-12-31','documented','{bribes}','x')"),
    ).rejects.toThrow(/flows_benefit_linkage_check/);
  });
});
