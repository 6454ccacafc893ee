// The balance cube (sql/migrations/003_flow_aggregates.sql) must give exactly the exact path's answers, and
// the triggers that keep it and the tile lines current on every write must leave them as a full rebuild would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, seededDb, type TestDb } from './support/test-db.ts';
import { loadFixture } from './fixtures/flows/harness.ts';
import { balanceStatement, unitBalance } from '../server/analysis/balance.ts';
import type { FlowScope } from '../server/analysis/flow-scope.ts';
import type { Database } from '../server/db/database.ts';

type LevelScope = FlowScope & { level: 'province' | 'prefecture' | 'county' };

const SCOPES: Array<Omit<LevelScope, 'level'>> = [
  {},
  { factors: ['labour'] },
  { bases: ['observed', 'documented'] },
  { factors: ['land', 'capital'], bases: ['documented'] },
  { from: '2020-01-01', to: '2020-12-31' },
  { from: '2021-01-01' },
  { to: '2019-12-31', factors: ['labour', 'capital'] },
];
const LEVELS = ['province', 'prefecture', 'county'] as const;

async function expectCubeMatchesExact(db: Database) {
  let rows = 0;
  for (const level of LEVELS) {
    for (const s of SCOPES) {
      const scope = { ...s, level };
      const cube = await unitBalance(db, scope, undefined, 'cube');
      const exact = await unitBalance(db, scope, undefined, 'exact');
      expect(cube, `${level} ${JSON.stringify(s)}`).toEqual(exact);
      rows += exact.length;
    }
  }
  return rows;
}

/** The derived tables, in a stable order, geometry as text. */
async function derived(db: Database) {
  const cube = await db.query('SELECT * FROM balance_cube ORDER BY level, factor, basis, code, canon_unit, period_start, period_end, synthetic');
  const lines = await db.query(
    'SELECT level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic, magnitude, n, ST_AsText(geom) AS geom FROM flow_lines ORDER BY level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic',
  );
  const tiles = await db.query(
    'SELECT level, synthetic, min_zoom, cell_x, cell_y, id, o, d, o_name, d_name, factor, basis, magnitude, canon_unit, n, sources, ST_AsText(geom) AS geom FROM flow_tile_lines ORDER BY level, synthetic, id, o, d',
  );
  const pieces = await db.query('SELECT level, synthetic, id, o, d, min_zoom, ST_AsText(geom) AS geom FROM flow_tile_pieces ORDER BY level, synthetic, id, o, d, ST_AsText(geom)');
  const rolled = await db.query('SELECT * FROM flow_rolled ORDER BY id');
  return { cube, lines, tiles, pieces, rolled };
}

async function expectSameAsRebuild(db: Database) {
  const kept = await derived(db);
  await db.query('SELECT atlas_rebuild_flow_aggregates()');
  expect(kept).toEqual(await derived(db));
  return kept;
}

describe('balance cube on the hand-checked fixture', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
    await loadFixture(t.db);
  });
  afterAll(async () => t?.drop());

  it('answers county, prefecture and province balances exactly as the exact path does, for factor, basis and period filters', async () => {
    expect(await expectCubeMatchesExact(t.db)).toBeGreaterThan(20);
  });

  it('is the path a balance takes only when no other filter is asked for', () => {
    expect(balanceStatement({ level: 'county', factors: ['labour'], from: '2020-01-01' }).path).toBe('cube');
    expect(balanceStatement({ level: 'township' }).path).toBe('exact');
    expect(balanceStatement({ level: 'county', mechanisms: ['land_linkage'] }).path).toBe('qualifier');
    expect(balanceStatement({ level: 'county', benefitLinkages: ['subsidy'] }).path).toBe('qualifier');
    expect(balanceStatement({ level: 'county', unit: '330382000000' }).path).toBe('exact');
  });

  it('stays equal to a full rebuild, and to the exact path, after inserting, updating and deleting flows', async () => {
    await expectSameAsRebuild(t.db);
    await t.db.query(`
      INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id, note)
      SELECT dest_code, origin_code, factor, period_start + 400, period_end + 400, magnitude, magnitude_unit, basis, source_id, 'reversed copy'
      FROM flows`);
    await expectSameAsRebuild(t.db);
    await expectCubeMatchesExact(t.db);
    await t.db.query(`UPDATE flows SET magnitude = magnitude * 3 WHERE note = 'reversed copy' AND magnitude IS NOT NULL`);
    await t.db.query(`UPDATE flows SET note = 'only the note changed' WHERE note = 'reversed copy' AND basis = 'documented'`);
    await expectSameAsRebuild(t.db);
    await expectCubeMatchesExact(t.db);
    await t.db.query(`DELETE FROM flows WHERE note IN ('reversed copy', 'only the note changed')`);
    await expectSameAsRebuild(t.db);
    await expectCubeMatchesExact(t.db);
  });

  it('keeps no empty rows once every flow is gone', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('DELETE FROM flows');
      const [left] = await tx.query<{ cube: number; lines: number }>('SELECT (SELECT count(*) FROM balance_cube)::int AS cube, (SELECT count(*) FROM flow_lines)::int AS lines');
      expect(left).toEqual({ cube: 0, lines: 0 });
      throw new RollBack();
    }).catch((e: unknown) => {
      if (!(e instanceof RollBack)) throw e;
    });
    expect((await t.db.query('SELECT 1 FROM balance_cube LIMIT 1')).length).toBe(1);
  });
});

class RollBack extends Error {}

describe('balance cube on the demo data', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb();
  });
  afterAll(async () => t?.drop());

  it('answers every demo balance the cube can take exactly as the exact path does', async () => {
    expect(await expectCubeMatchesExact(t.db)).toBeGreaterThan(100);
  });

  it('is what the demo seed and model runs left behind: the same as a full rebuild', async () => {
    const kept = await expectSameAsRebuild(t.db);
    expect(kept.cube.length).toBeGreaterThan(0);
    expect(kept.lines.length).toBeGreaterThan(0);
  });
});
