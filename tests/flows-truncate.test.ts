// TRUNCATE flows (by hand or by a loader; no API path does it) leaves no derived row behind — a stale tile
// line would still be drawn and a stale cube row still counted — and bumps the data version, since no
// application code runs to bump it and cached tiles and ETags would otherwise outlive the flows they show
// (migration 013).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../server/db/database.ts';
import { seededDb, type TestDb } from './support/test-db.ts';

const DERIVED = ['balance_cube', 'balance_qualifier_cube', 'flow_lines', 'flow_rolled', 'flow_tile_lines', 'flow_tile_pieces', 'flow_tile_scales'];

let t: TestDb;

beforeAll(async () => {
  t = await seededDb();
  // A synthetic copy of every demo flow, so both kinds of tile row (real and synthetic) exist to be left behind.
  // Under a source of its own: the natural key does not tell synthetic flows apart.
  await t.db.query(`INSERT INTO sources (id, title, publisher, licence) VALUES ('test.truncate', 'truncate test', 'tests', 'MIT')`);
  await t.db.query(`
    INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
                       mechanism, integration_type, benefit_linkage, source_id, note, synthetic)
    SELECT origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
           mechanism, integration_type, benefit_linkage, 'test.truncate', 'synthetic copy', true
    FROM flows`);
});

afterAll(async () => {
  await t?.drop();
});

async function rowCounts(q: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DERIVED) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = r!.n;
  }
  return counts;
}

async function tileKinds(q: Queryable): Promise<boolean[]> {
  const rows = await q.query<{ synthetic: boolean }>('SELECT DISTINCT synthetic FROM flow_tile_lines ORDER BY 1');
  return rows.map((r) => r.synthetic);
}

async function version(q: Queryable): Promise<number> {
  const [r] = await q.query<{ version: string }>('SELECT version FROM data_version');
  return Number(r!.version);
}

class RollBack extends Error {}

describe('TRUNCATE flows', () => {
  it('starts from derived tables that all hold rows, real and synthetic tile lines among them', async () => {
    const counts = await rowCounts(t.db);
    for (const table of DERIVED) expect(counts[table], table).toBeGreaterThan(0);
    expect(await tileKinds(t.db)).toEqual([false, true]);
  });

  for (const wipe of ['TRUNCATE flows', 'TRUNCATE flows CASCADE']) {
    it(`${wipe} empties every derived table and bumps the data version once, in its own transaction`, async () => {
      const before = await version(t.db);
      await t.db
        .transaction(async (tx) => {
          await tx.query(wipe);
          expect(await rowCounts(tx)).toEqual(Object.fromEntries(DERIVED.map((table) => [table, 0])));
          expect(await version(tx)).toBe(before + 1);
          throw new RollBack();
        })
        .catch((e: unknown) => {
          if (!(e instanceof RollBack)) throw e;
        });
      // Rolled back with the truncate: the derived rows and the version come back together.
      expect(await version(t.db)).toBe(before);
      expect(Object.values(await rowCounts(t.db)).every((n) => n > 0)).toBe(true);
    });
  }

  it('leaves no synthetic tile line behind that a later write of real flows would not clear', async () => {
    // Kept before the truncate: a real demo flow to store again afterwards.
    const [one] = await t.db.query<Record<string, unknown>>(
      `SELECT origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id
       FROM flows WHERE NOT synthetic AND magnitude IS NOT NULL ORDER BY id LIMIT 1`);
    await t.db.query('TRUNCATE flows');
    await t.db.query(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      Object.values(one!),
    );
    // The insert rebuilds the real tile rows only (012); the synthetic ones are gone only if TRUNCATE took them.
    expect(await tileKinds(t.db)).toEqual([false]);
    const [flows] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM flows');
    expect(flows!.n).toBe(1);
  });
});
