// The exact path reads each flow's ends already rolled up (flow_rolled, sql/migrations/009_flow_rolled.sql)
// instead of joining unit_rollup on every request. Every analysis built on it must answer exactly as the
// roll-up computed at request time (sql/queries/flows_rollup_reference.sql), for every filter, level and
// unit, before and after writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, seededDb, type TestDb } from './support/test-db.ts';
import { loadFixture } from './fixtures/flows/harness.ts';
import { type FlowScope, scopeParams } from '../server/analysis/flow-scope.ts';
import { referenceRollupQuery, rollupQuery } from '../server/analysis/rollup-sql.ts';
import type { Database } from '../server/db/database.ts';

const LEVELS = [undefined, 'province', 'prefecture', 'county', 'township', 'village'] as const;
const UNITS = ['330000000000', '330300000000', '330382000000', '330382001000', '330383001001', '330329000000'];
const SCOPES: FlowScope[] = [
  {},
  { factors: ['labour'], bases: ['observed'] },
  { mechanisms: ['paired_assistance', 'land_linkage'] },
  { integrationTypes: ['project_driven'] },
  { benefitLinkages: ['risk_sharing'] },
  { from: '2021-01-01', to: '2024-12-31' },
  ...UNITS.flatMap((unit) => (['in', 'out', 'either'] as const).map((direction) => ({ unit, direction }))),
  { unit: '330382000000', factors: ['capital'], mechanisms: ['paired_assistance'], benefitLinkages: ['subsidy'] },
];

/** Each analysis body with the parameters it takes after the scope's eleven. */
const BODIES: Array<{ bodies: string[]; extra: unknown[]; needsLevel?: boolean; needsUnit?: boolean }> = [
  { bodies: ['flows_records'], extra: [null, 1000] },
  { bodies: ['flows_od'], extra: [null, 1000] },
  { bodies: ['flows_od'], extra: [50, 1000] },
  { bodies: ['balance_units', 'balance_pops', 'balance_tail'], extra: [null], needsLevel: true },
  { bodies: ['balance_units', 'balance_pops', 'balance_series_tail'], extra: [2023], needsLevel: true },
  { bodies: ['balance_core_periphery'], extra: ['urbanisation', 70, null, null], needsLevel: true },
  { bodies: ['corridors_unit'], extra: [5], needsLevel: true, needsUnit: true },
];

async function expectSameAsReference(db: Database) {
  let compared = 0;
  let nonEmpty = 0;
  for (const level of LEVELS) {
    for (const s of SCOPES) {
      for (const b of BODIES) {
        if ((b.needsLevel && !level) || (b.needsUnit && !s.unit)) continue;
        const params = [...scopeParams({ ...s, level, direction: s.unit ? s.direction : 'either' }), ...b.extra];
        const stored = await db.query(rollupQuery(...b.bodies), params);
        const reference = await db.query(referenceRollupQuery(...b.bodies), params);
        expect(stored, `${b.bodies.join('+')} ${level} ${JSON.stringify(s)}`).toEqual(reference);
        compared += 1;
        if (reference.length > 0) nonEmpty += 1;
      }
    }
  }
  return { compared, nonEmpty };
}

describe('exact path over the stored roll-up, on the hand-checked fixture', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
    await loadFixture(t.db);
  });
  afterAll(async () => t?.drop());

  it('answers records, flows, balances, core–periphery and corridors exactly as the roll-up computed per request', async () => {
    const { compared, nonEmpty } = await expectSameAsReference(t.db);
    expect(compared).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('holds one row per flow, kept current by inserts, updates and deletes as a rebuild would leave it', async () => {
    const rolled = () => t.db.query('SELECT * FROM flow_rolled ORDER BY id');
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM flows')) as [{ n: number }];
    expect((await rolled()).length).toBe(n);
    await t.db.query(`
      INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, mechanism, source_id, note)
      SELECT dest_code, origin_code, factor, period_start + 400, period_end + 400, magnitude, magnitude_unit, basis, mechanism, source_id, 'reversed copy'
      FROM flows`);
    await t.db.query(`UPDATE flows SET magnitude = magnitude * 3, mechanism = 'other' WHERE note = 'reversed copy' AND magnitude IS NOT NULL`);
    await t.db.query(`UPDATE flows SET origin_code = '330382002000' WHERE note = 'reversed copy' AND origin_code = '330382000000'`);
    await t.db.query(`DELETE FROM flows WHERE note = 'reversed copy' AND basis = 'documented'`);
    const kept = await rolled();
    const [{ now }] = (await t.db.query<{ now: number }>('SELECT count(*)::int AS now FROM flows')) as [{ now: number }];
    expect(now).toBeGreaterThan(n);
    expect(kept.length).toBe(now);
    await expectSameAsReference(t.db);
    await t.db.query('SELECT atlas_rebuild_flow_aggregates()');
    expect(await rolled()).toEqual(kept);
    await t.db.query(`DELETE FROM flows WHERE note = 'reversed copy'`);
    expect((await rolled()).length).toBe(n);
  });

  it('follows a change to the hierarchy: a township hung straight under the prefecture stops at it at county level', async () => {
    await t.db.query(`UPDATE units SET parent_code = '330300000000' WHERE code = '330382001000'`);
    const [moved] = await t.db.query<{ o_county: string }>(`SELECT o_county FROM flow_rolled WHERE origin_code = '330382001000' LIMIT 1`);
    expect(moved?.o_county).toBe('330300000000');
    await expectSameAsReference(t.db);
  });
});

describe('exact path over the stored roll-up, on the demo data', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb();
  });
  afterAll(async () => t?.drop());

  it('answers every demo analysis exactly as the roll-up computed per request', async () => {
    const { nonEmpty } = await expectSameAsReference(t.db);
    expect(nonEmpty).toBeGreaterThan(100);
  });
});
