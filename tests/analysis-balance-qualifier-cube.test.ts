// The qualifier cube (sql/migrations/011_balance_qualifier_cube.sql) answers a balance with one qualifier
// filter (mechanism, integration type or one benefit linkage) exactly as the exact path does, stays so through
// every kind of write (single statements, a bulk upload, a unit moving), and two qualifiers together still
// take the exact path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, seededDb, type TestDb } from './support/test-db.ts';
import { WRITE_TOKEN, getJson, loadFixture, useFixtureServer } from './fixtures/flows/harness.ts';
import { balancePath, balanceStatement, unitBalance, unitBalanceSeriesText } from '../server/analysis/balance.ts';
import type { FlowScope } from '../server/analysis/flow-scope.ts';
import type { Database } from '../server/db/database.ts';

const LEVELS = ['province', 'prefecture', 'county'] as const;

/** One kind of qualifier each: what the qualifier cube takes. */
const SINGLE: FlowScope[] = [
  { mechanisms: ['paired_assistance'] },
  { mechanisms: ['paired_assistance', 'land_linkage', 'labour_migration'] },
  { mechanisms: ['talent_rotation'] },
  { mechanisms: ['other'], factors: ['labour'] },
  { integrationTypes: ['project_driven'] },
  { integrationTypes: ['industrial_embedding', 'project_driven'], bases: ['documented'] },
  { benefitLinkages: ['subsidy'] },
  { benefitLinkages: ['risk_sharing'], factors: ['capital', 'labour'] },
  { benefitLinkages: ['revenue_sharing'] },
];

async function expectQualifierMatchesExact(db: Database) {
  let rows = 0;
  for (const level of LEVELS) {
    for (const s of SINGLE) {
      const scope = { ...s, level };
      const label = `${level} ${JSON.stringify(s)}`;
      expect(balancePath(scope), label).toBe('qualifier');
      const exact = await unitBalance(db, scope, undefined, 'exact');
      expect(await unitBalance(db, scope, undefined, 'qualifier'), label).toEqual(exact);
      expect(await unitBalanceSeriesText(db, scope, undefined, 'qualifier'), label).toEqual(await unitBalanceSeriesText(db, scope, undefined, 'exact'));
      rows += exact.length;
    }
  }
  return rows;
}

const cubeRows = (db: Database) => db.query('SELECT * FROM balance_qualifier_cube ORDER BY kind, value, level, factor, basis, canon_unit, code, synthetic');

/** The cube the triggers kept equals the one a full rebuild writes, and answers as the exact path. */
async function expectKeptAsRebuilt(db: Database) {
  const kept = await cubeRows(db);
  await db.query('SELECT atlas_rebuild_flow_aggregates()');
  expect(kept).toEqual(await cubeRows(db));
  expect(await expectQualifierMatchesExact(db)).toBeGreaterThan(0);
  return kept;
}

describe('qualifier cube on the hand-checked fixture', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
    await loadFixture(t.db);
  });
  afterAll(async () => t?.drop());

  it('answers one-qualifier balances at county, prefecture and province exactly as the exact path does', async () => {
    expect(await expectQualifierMatchesExact(t.db)).toBeGreaterThan(15);
  });

  it('is taken only for one kind of qualifier, one benefit linkage, all periods and no unit', () => {
    expect(balancePath({ level: 'county', factors: ['labour'], mechanisms: ['labour_migration'] })).toBe('qualifier');
    expect(balancePath({ level: 'county', integrationTypes: ['project_driven', 'cooperative_led'] })).toBe('qualifier');
    expect(balancePath({ level: 'county', benefitLinkages: ['subsidy'] })).toBe('qualifier');
    expect(balancePath({ level: 'county' })).toBe('cube');
    expect(balancePath({ level: 'county', mechanisms: ['paired_assistance'], benefitLinkages: ['subsidy'] })).toBe('exact');
    expect(balancePath({ level: 'county', mechanisms: ['paired_assistance'], integrationTypes: ['project_driven'] })).toBe('exact');
    expect(balancePath({ level: 'county', benefitLinkages: ['subsidy', 'risk_sharing'] })).toBe('exact');
    expect(balancePath({ level: 'county', mechanisms: ['paired_assistance'], from: '2020-01-01' })).toBe('exact');
    expect(balancePath({ level: 'county', mechanisms: ['paired_assistance'], unit: '330382000000' })).toBe('exact');
    expect(balancePath({ level: 'township', mechanisms: ['paired_assistance'] })).toBe('exact');
    expect(() => balanceStatement({ level: 'county', benefitLinkages: ['subsidy', 'risk_sharing'] }, 'rows', 'qualifier')).toThrow();
  });

  it('returns nothing rather than a wrong sum if its statement is run with filters it does not keep', async () => {
    const sql = balanceStatement({ level: 'county', mechanisms: ['paired_assistance'] }).sql;
    const params = ['county', null, null, null, null, ['paired_assistance'], null, ['subsidy'], null, 'either', false, null];
    expect(await t.db.query(sql, params)).toEqual([]);
  });

  it('leaves two qualifiers to the exact path, which counts each flow once and only where both match', async () => {
    // f8 and f9 are paired assistance with a subsidy; no flow is paired assistance with revenue sharing.
    const both = await unitBalance(t.db, { level: 'county', mechanisms: ['paired_assistance'], benefitLinkages: ['subsidy'] });
    expect(both.map((r) => [r.code, r.outflow_count, r.inflow_count])).toEqual([
      ['330329000000', 0, 2],
      ['330382000000', 2, 0],
    ]);
    expect(await unitBalance(t.db, { level: 'county', mechanisms: ['paired_assistance'], benefitLinkages: ['revenue_sharing'] })).toEqual([]);
    // f5 names both linkages: asked for either, it is one flow, not two.
    const either = await unitBalance(t.db, { level: 'county', benefitLinkages: ['revenue_sharing', 'risk_sharing'] });
    expect(either.find((r) => r.code === '330382000000')?.outflow_count).toBe(1);
  });

  it('stays equal to a full rebuild and to the exact path after inserting, re-qualifying and deleting flows', async () => {
    await expectKeptAsRebuilt(t.db);
    await t.db.query(`
      INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
                         mechanism, integration_type, benefit_linkage, source_id, note)
      SELECT dest_code, origin_code, factor, period_start + 400, period_end + 400, magnitude, magnitude_unit, basis,
             coalesce(mechanism, 'talent_rotation'), integration_type, benefit_linkage || '{subsidy,subsidy}'::text[], source_id, 'reversed copy'
      FROM flows`);
    await expectKeptAsRebuilt(t.db);
    await t.db.query(`UPDATE flows SET mechanism = 'land_linkage', integration_type = 'cooperative_led' WHERE note = 'reversed copy' AND factor = 'labour'`);
    await t.db.query(`UPDATE flows SET mechanism = NULL, benefit_linkage = '{}' WHERE note = 'reversed copy' AND factor = 'capital'`);
    await t.db.query(`UPDATE flows SET magnitude = magnitude * 3 WHERE note = 'reversed copy' AND magnitude IS NOT NULL`);
    await expectKeptAsRebuilt(t.db);
    const [moved] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM balance_qualifier_cube WHERE kind = 'mechanism' AND value = 'land_linkage' AND level = 'county'`);
    expect(moved!.n).toBeGreaterThan(2);
    await t.db.query(`DELETE FROM flows WHERE note = 'reversed copy' AND factor = 'labour'`);
    await expectKeptAsRebuilt(t.db);
    await t.db.query(`DELETE FROM flows WHERE note = 'reversed copy'`);
    await expectKeptAsRebuilt(t.db);
  });

  it('is rebuilt by a change to the units, as the other derived tables are', async () => {
    const kept = await cubeRows(t.db);
    await t.db.query('DELETE FROM balance_qualifier_cube'); // stale on purpose: only the rebuild can restore it
    await t.db.query(`
      INSERT INTO units (code, parent_code, level, name_zh, name_en, point, point_basis, geom_quality, source_id, vintage)
      VALUES ('330383001000', '330383000000', 'township', '测试街道', NULL, NULL, NULL, 'none', 'test.fixture', 'test')`);
    expect(await cubeRows(t.db)).toEqual(kept);
    await t.db.query(`UPDATE units SET parent_code = '330383001000' WHERE code = '330383001001'`);
    expect(await expectKeptAsRebuilt(t.db)).toEqual(kept);
  });

  it('is emptied with the flows by TRUNCATE and by deleting them all', async () => {
    for (const wipe of ['TRUNCATE flows CASCADE', 'DELETE FROM flows']) {
      await t.db
        .transaction(async (tx) => {
          await tx.query(wipe);
          const [left] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM balance_qualifier_cube');
          expect(left!.n, wipe).toBe(0);
          throw new RollBack();
        })
        .catch((e: unknown) => {
          if (!(e instanceof RollBack)) throw e;
        });
    }
    expect((await cubeRows(t.db)).length).toBeGreaterThan(0);
  });
});

class RollBack extends Error {}

describe('qualifier cube on the demo data', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb();
  });
  afterAll(async () => t?.drop());

  it('answers every single qualifier value the demo flows carry, at every cube level, as the exact path does', async () => {
    const values = await t.db.query<{ kind: 'mechanisms' | 'integrationTypes' | 'benefitLinkages'; value: string }>(`
      SELECT DISTINCT 'mechanisms' AS kind, mechanism AS value FROM flows WHERE mechanism IS NOT NULL
      UNION SELECT DISTINCT 'integrationTypes', integration_type FROM flows WHERE integration_type IS NOT NULL
      UNION SELECT DISTINCT 'benefitLinkages', b FROM flows, unnest(benefit_linkage) b
      ORDER BY 1, 2`);
    expect(new Set(values.map((v) => v.kind)).size).toBe(3);
    let rows = 0;
    for (const level of LEVELS) {
      for (const v of values) {
        const scope = { level, [v.kind]: [v.value] };
        expect(balancePath(scope)).toBe('qualifier');
        const exact = await unitBalance(t.db, scope, undefined, 'exact');
        expect(await unitBalance(t.db, scope, undefined, 'qualifier'), `${level} ${v.kind} ${v.value}`).toEqual(exact);
        rows += exact.length;
      }
    }
    expect(rows).toBeGreaterThan(50);
  });
});

describe('a rebuild of the derived tables', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
    await loadFixture(t.db); // after the migrations, which analysed the tables while they were empty
  });
  afterAll(async () => t?.drop());

  it('leaves the planner statistics of flow_rolled and both cubes counting their rows', async () => {
    await t.db.query('SELECT atlas_rebuild_flow_aggregates()');
    const stats = await t.db.query<{ relname: string; reltuples: number; n: number }>(`
      SELECT c.relname, c.reltuples::int AS reltuples, x.n
      FROM (VALUES ('flow_rolled', (SELECT count(*) FROM flow_rolled)), ('balance_cube', (SELECT count(*) FROM balance_cube)),
                   ('balance_qualifier_cube', (SELECT count(*) FROM balance_qualifier_cube))) x (relname, n)
      JOIN pg_class c ON c.relname = x.relname AND c.relkind = 'r'
      ORDER BY 1`);
    expect(stats.map((r) => r.relname)).toEqual(['balance_cube', 'balance_qualifier_cube', 'flow_rolled']);
    for (const r of stats) {
      expect(Number(r.n), r.relname).toBeGreaterThan(0);
      expect(r.reltuples, r.relname).toBe(Number(r.n));
    }
  });
});

describe('qualifier cube after a bulk upload', () => {
  const world = useFixtureServer();

  it('counts the uploaded rows under their qualifiers, as a rebuild and the exact path do', async () => {
    const csv = [
      'origin,dest,factor,period,magnitude,magnitude_unit,basis,mechanism,integration_type,benefit_linkage,source_id',
      '330381,330329,labour,2024,12,persons,observed,talent_rotation,cooperative_led,revenue_sharing;subsidy,test.fixture',
      '330329,330381,labour,2024,5,persons,observed,talent_rotation,,subsidy,test.fixture',
      '330382001001,330383001001,capital,2024,3,cny_100m,observed,paired_assistance,project_driven,risk_sharing,test.fixture',
    ].join('\n');
    const r = await getJson(`${world.url}/api/flows/bulk`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${WRITE_TOKEN}` },
      body: csv,
    });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const kept = await expectKeptAsRebuilt(world.db);
    expect(kept.some((row: any) => row.kind === 'mechanism' && row.value === 'talent_rotation')).toBe(true);
    const answer = await getJson(`${world.url}/api/balance?level=county&mechanism=talent_rotation`);
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toEqual(await unitBalance(world.db, { level: 'county', mechanisms: ['talent_rotation'] }, undefined, 'exact'));
    expect(answer.body.rows.length).toBe(2);
  });
});
