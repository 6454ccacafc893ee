// Flow writes keep every derived table (balance_cube, flow_lines, flow_rolled, balance_qualifier_cube and the
// tile tables flow_tile_lines, flow_tile_pieces) exactly as a full rebuild would write them, through inserts,
// updates that move a flow to other units, another factor and another period, edits that move nothing, and
// deletes, over a hierarchy where villages roll up two levels (village → township → county) and some flows
// stay inside one township or one county. And a write touches only the rows of what it wrote (migration 012), in the
// tile tables only those of the features it touched and of the features of their cell it moved (migration 014).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../server/db/database.ts';
import { flowKind } from '../server/flows/flow-records.ts';
import { insertRows, validateRows, type RawRow } from '../server/flows/record-store.ts';
import { emptyDb, testEngine, type TestDb } from './support/test-db.ts';

const SRC = 'test.incremental';
const OTHER_SRC = 'test.incremental-2';

// 乐清 (A) has two townships with villages (A1 with two), 泰顺 (B) one township with one village, 瑞安 (C) none.
const UNITS = `
INSERT INTO sources (id, title, publisher, licence) VALUES
  ('${SRC}', 'incremental test', 'tests', 'MIT'), ('${OTHER_SRC}', 'incremental test 2', 'tests', 'MIT');
INSERT INTO units (code, parent_code, level, name_zh, point, point_basis, geom_quality, source_id, vintage) VALUES
 ('330000000000', NULL,           'province',   '浙江省', ST_SetSRID(ST_MakePoint(120.15, 30.27), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330300000000', '330000000000', 'prefecture', '温州市', ST_SetSRID(ST_MakePoint(120.70, 28.00), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382000000', '330300000000', 'county',     '乐清市', ST_SetSRID(ST_MakePoint(120.98, 28.12), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330329000000', '330300000000', 'county',     '泰顺县', ST_SetSRID(ST_MakePoint(119.72, 27.56), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330381000000', '330300000000', 'county',     '瑞安市', ST_SetSRID(ST_MakePoint(120.65, 27.78), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382001000', '330382000000', 'township',   '乐成街道', ST_SetSRID(ST_MakePoint(120.96, 28.13), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382002000', '330382000000', 'township',   '城东街道', ST_SetSRID(ST_MakePoint(120.99, 28.12), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330329100000', '330329000000', 'township',   '罗阳镇', ST_SetSRID(ST_MakePoint(119.71, 27.56), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382001001', '330382001000', 'village',    '甲村', ST_SetSRID(ST_MakePoint(120.95, 28.14), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382001002', '330382001000', 'village',    '乙村', ST_SetSRID(ST_MakePoint(120.97, 28.15), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330382002001', '330382002000', 'village',    '丙村', ST_SetSRID(ST_MakePoint(121.00, 28.11), 4326), 'seat', 'none', '${SRC}', 't'),
 ('330329100201', '330329100000', 'village',    '丁村', ST_SetSRID(ST_MakePoint(119.70, 27.55), 4326), 'seat', 'none', '${SRC}', 't');
`;

const A1V1 = '330382001001';
const A1V2 = '330382001002';
const A2V1 = '330382002001';
const B1V1 = '330329100201';
const A1 = '330382001000';
const B = '330329000000';
const C = '330381000000';

let line = 0;
const flow = (origin: string, dest: string, factor: string, period: string, magnitude: string, unit: string, basis = 'observed', more: Record<string, string> = {}): RawRow => ({
  row: ++line,
  raw: { origin, dest, factor, period, magnitude, magnitude_unit: unit, basis, source_id: SRC, ...more },
});

const BASE: RawRow[] = [
  flow(A1V1, B1V1, 'labour', '2020', '100', 'persons', 'observed', { mechanism: 'labour_migration', benefit_linkage: 'subsidy;risk_sharing' }),
  // Inside township A1 (and so inside county A): only the recorded line is drawn.
  flow(A1V1, A1V2, 'labour', '2021', '12.5', 'persons_10k'),
  // Inside county A, across its townships: a township line, no county line.
  flow(A1V1, A2V1, 'capital', '2019/2022', '300', 'cny_10k', 'modelled', { integration_type: 'project_driven' }),
  flow(A2V1, B1V1, 'capital', '2020', '1.25', 'cny_100m', 'observed', { mechanism: 'paired_assistance' }),
  // The same county pair again from another source: one county feature listing both sources.
  flow(A1V2, B1V1, 'labour', '2020', '40', 'persons', 'observed', { source_id: OTHER_SRC }),
  flow(B, A1, 'land', '2018/2020', '', '', 'documented', { magnitude: '', magnitude_unit: '', mechanism: 'land_linkage' }),
  flow(A1, C, 'technology', '2022', '7', 'items', 'modelled'),
];

/** Every derived table's row as text, numerics without trailing zeros (10.50 and 10.5 are the same sum). */
const ROW_TEXT: Record<string, string> = {
  balance_cube: `concat_ws('|', level, factor, basis, code, canon_unit, period_start, period_end, synthetic, trim_scale(inflow), trim_scale(outflow),
                   trim_scale(internal), inflow_count, outflow_count, internal_count)`,
  flow_lines: `concat_ws('|', level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic, coalesce(trim_scale(magnitude)::text, '-'), n,
                 encode(ST_AsEWKB(geom), 'hex'))`,
  flow_rolled: `concat_ws('|', id, synthetic, factor, basis, period_start, period_end, mechanism, integration_type, benefit_linkage, source_id, canon_unit,
                  coalesce(trim_scale(canon_magnitude)::text, '-'), origin_code, dest_code, o_province, o_prefecture, o_county, o_township,
                  d_province, d_prefecture, d_county, d_township)`,
  balance_qualifier_cube: `concat_ws('|', kind, value, level, factor, basis, canon_unit, code, synthetic, trim_scale(inflow), trim_scale(outflow),
                             trim_scale(internal), inflow_count, outflow_count, internal_count)`,
  flow_tile_lines: `concat_ws('|', level, synthetic, min_zoom, cell_x, cell_y, id, o, d, o_name, d_name, factor, basis, coalesce(trim_scale(magnitude)::text, '-'),
                      canon_unit, n, sources, encode(ST_AsEWKB(geom), 'hex'))`,
  flow_tile_pieces: `concat_ws('|', level, synthetic, min_zoom, basis_rank, coalesce(trim_scale(magnitude)::text, '-'), n, id, o, d,
                       encode(ST_AsEWKB(geom), 'hex'), coalesce(rel::text, '-'))`,
};

async function snapshot(q: Queryable): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, row] of Object.entries(ROW_TEXT)) {
    out[table] = (await q.query<{ r: string }>(`SELECT ${row} AS r FROM ${table} ORDER BY 1`)).map((x) => x.r);
  }
  return out;
}

class Rollback extends Error {}

/**
 * What a full rebuild writes from the flows as they are now, leaving the kept tables as they were. The tile rows
 * are ranked under the scales stored (migration 015): writes never recompute a group's scale, the full rebuild
 * does, so a write's rows equal a rebuild's under the same scales.
 */
async function rebuilt(db: Database): Promise<Record<string, string[]>> {
  let rows: Record<string, string[]> = {};
  await db.transaction(async (tx) => {
    await tx.query('CREATE TEMP TABLE kept_scales ON COMMIT DROP AS SELECT * FROM flow_tile_scales');
    await tx.query('SELECT atlas_rebuild_flow_aggregates()');
    await tx.query('DELETE FROM flow_tile_scales');
    await tx.query('INSERT INTO flow_tile_scales SELECT * FROM kept_scales');
    await tx.query('SELECT atlas_flow_tiles_rebuild(false), atlas_flow_tiles_rebuild(true)');
    rows = await snapshot(tx);
    throw new Rollback();
  }).catch((err) => {
    if (!(err instanceof Rollback)) throw err;
  });
  return rows;
}

async function expectAsRebuilt(db: Database): Promise<Record<string, string[]>> {
  const kept = await snapshot(db);
  expect(kept).toEqual(await rebuilt(db));
  return kept;
}

/** xmin of each row, keyed by the row's text: which rows a write rewrote. */
async function rowVersions(db: Database, table: string, where = 'true'): Promise<Map<string, string>> {
  const rows = await db.query<{ k: string; x: string }>(`SELECT xmin::text AS x, ${ROW_TEXT[table]} AS k FROM ${table} WHERE ${where}`);
  return new Map(rows.map((r) => [r.k, r.x]));
}

const realIds = async (db: Database) => (await db.query<{ id: string }>('SELECT id FROM flows WHERE NOT synthetic ORDER BY id')).map((r) => Number(r.id));

/** The units above, and benchmark flows on the same pairs (ranked apart: a real write must leave their rows alone). */
async function world(): Promise<TestDb> {
  const t = await emptyDb();
  await t.db.exec(UNITS);
  await t.db.exec(`INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id, synthetic) VALUES
    ('${A1V1}', '${B1V1}', 'labour', '2020-01-01', '2020-12-31', 5, 'persons', 'observed', '${SRC}', true),
    ('${A2V1}', '${C}', 'data', '2021-01-01', '2021-12-31', 9, 'items', 'modelled', '${SRC}', true)`);
  return t;
}

describe('flow writes keep the derived tables as a full rebuild writes them', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await world();
  });
  afterAll(async () => t?.drop());

  it('after a bulk insert of flows at every level, inside one township, inside one county and across counties', async () => {
    await t.db.transaction((tx) => insertRows(tx, flowKind, BASE));
    const kept = await expectAsRebuilt(t.db);
    // The fixture exercises what it claims: lines at each tile level, internal flows left undrawn.
    const levels = await t.db.query<{ level: string; n: string }>(`SELECT level, count(*) AS n FROM flow_tile_lines WHERE NOT synthetic GROUP BY level ORDER BY level`);
    expect(levels.map((r) => [r.level, Number(r.n)])).toEqual([['county', 4], ['recorded', 7], ['township', 5]]);
    expect(kept.balance_cube!.some((r) => r.startsWith(`county|labour|observed|330382000000|persons|2021-01-01|2021-12-31|f|0|0|125000|0|0|1`))).toBe(true);
    expect(kept.flow_tile_lines!.some((r) => r.includes(`|${OTHER_SRC},${SRC}|`) || r.includes(`|${SRC},${OTHER_SRC}|`))).toBe(true);
  });

  it('after a single insert', async () => {
    await t.db.transaction((tx) => insertRows(tx, flowKind, [flow(A1V2, A2V1, 'data', '2023', '3', 'items', 'observed')]));
    await expectAsRebuilt(t.db);
  });

  it('after an update that moves a flow to other units, another factor and another period', async () => {
    const [id] = await realIds(t.db);
    await t.db.transaction(async (tx) => {
      const [moved] = await validateRows(tx, flowKind, [flow(A2V1, A1V2, 'ecology', '2015/2016', '8', 'cny_10k', 'modelled')], { replacingId: id });
      expect(await flowKind.update(tx, id!, moved!)).toBe(true);
    });
    const kept = await expectAsRebuilt(t.db);
    expect(kept.flow_rolled!.some((r) => r.startsWith(`${id}|f|ecology|modelled|2015-01-01|2016-12-31|`))).toBe(true);
  });

  it('after one statement that updates several flows at once', async () => {
    const ids = await realIds(t.db);
    await t.db.query(`UPDATE flows SET magnitude = magnitude * 2, dest_code = CASE WHEN id = $1 THEN '${C}' ELSE dest_code END WHERE id = ANY ($2::bigint[]) AND magnitude IS NOT NULL`, [ids[1], ids.slice(1, 5)]);
    await expectAsRebuilt(t.db);
  });

  it('after deletes, one and then every real flow', async () => {
    const ids = await realIds(t.db);
    await t.db.query('DELETE FROM flows WHERE id = $1', [ids[2]]);
    await expectAsRebuilt(t.db);
    await t.db.query('DELETE FROM flows WHERE NOT synthetic');
    const kept = await expectAsRebuilt(t.db);
    expect(kept.flow_tile_lines!.every((r) => r.split('|')[1] === 't')).toBe(true);
    expect(kept.flow_tile_lines!.length).toBeGreaterThan(0);
  });

  it('after a bulk upload that fails half-way: nothing of it is left in any table', async () => {
    await t.db.transaction((tx) => insertRows(tx, flowKind, BASE.slice(0, 3)));
    const before = await snapshot(t.db);
    await expect(t.db.transaction(async (tx) => {
      await insertRows(tx, flowKind, BASE.slice(3));
      throw new Error('the upload stopped');
    })).rejects.toThrow('the upload stopped');
    expect(await snapshot(t.db)).toEqual(before);
    await expectAsRebuilt(t.db);
  });
});

/** The row texts of `table` a write rewrote, added or removed, given the versions before and after it. */
function rewritten(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

async function tileVersions(db: Database) {
  return { lines: await rowVersions(db, 'flow_tile_lines'), pieces: await rowVersions(db, 'flow_tile_pieces') };
}

/** 1,300 recorded flows on one pair of villages of 乐清 (periods before 1904): one cell at every zoom, overfilled. */
async function fillCell(db: Database) {
  await db.query(
    `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id)
     SELECT $1, $2, 'labour', d, d, i, 'persons', 'observed', '${SRC}'
     FROM generate_series(1, 1300) i, LATERAL (SELECT '1900-01-01'::date + i AS d) x`,
    [A1V1, A1V2],
  );
}

describe('a flow write touches only the rows of what it wrote', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await world();
    await t.db.transaction((tx) => insertRows(tx, flowKind, BASE));
  });
  afterAll(async () => t?.drop());

  it('a real flow between two counties leaves the synthetic tile rows and the sums of a third county as they were', async () => {
    const synthetic = await rowVersions(t.db, 'flow_tile_lines', 'synthetic');
    const pieces = await rowVersions(t.db, 'flow_tile_pieces', 'synthetic');
    const third = await rowVersions(t.db, 'balance_cube', `code = '${C}'`);
    expect(synthetic.size).toBeGreaterThan(0);
    expect(third.size).toBeGreaterThan(0);
    await t.db.transaction((tx) => insertRows(tx, flowKind, [flow(A2V1, B1V1, 'labour', '2024', '6', 'persons')]));
    expect(await rowVersions(t.db, 'flow_tile_lines', 'synthetic')).toEqual(synthetic);
    expect(await rowVersions(t.db, 'flow_tile_pieces', 'synthetic')).toEqual(pieces);
    expect(await rowVersions(t.db, 'balance_cube', `code = '${C}'`)).toEqual(third);
    await expectAsRebuilt(t.db);
  });

  it('an edit of a note rewrites no tile row and no sum', async () => {
    const tiles = await rowVersions(t.db, 'flow_tile_lines');
    const pieces = await rowVersions(t.db, 'flow_tile_pieces');
    const cube = await rowVersions(t.db, 'balance_cube');
    const [id] = await realIds(t.db);
    await t.db.query(`UPDATE flows SET note = 'checked again', updated_at = now() WHERE id = $1`, [id]);
    expect(await rowVersions(t.db, 'flow_tile_lines')).toEqual(tiles);
    expect(await rowVersions(t.db, 'flow_tile_pieces')).toEqual(pieces);
    expect(await rowVersions(t.db, 'balance_cube')).toEqual(cube);
    await expectAsRebuilt(t.db);
  });

  // Migration 014: the drop rule's order is a key each feature carries, and min_zoom depends only on the
  // features of one cell of the band's first zoom, so a write rewrites the tile rows of the features it touched
  // and of those whose min_zoom it changed, and no others.
  it('a flow between two townships of 乐清 rewrites its own recorded and township lines, and no row of 泰顺 or 瑞安', async () => {
    const before = await tileVersions(t.db);
    const [id] = await t.db.transaction((tx) => insertRows(tx, flowKind, [flow(A2V1, A1V2, 'labour', '2024', '6', 'persons')]));
    const after = await tileVersions(t.db);
    const mine = (row: string) => {
      const [level, , , , , rowId, o, d] = row.split('|');
      return (level === 'recorded' && rowId === String(id)) || (level === 'township' && o === '330382002000' && d === A1);
    };
    const lines = rewritten(before.lines, after.lines);
    const pieces = rewritten(before.pieces, after.pieces);
    expect(lines).toHaveLength(2);
    expect(lines.every(mine), lines.join('\n')).toBe(true);
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces.every((r) => r.split('|')[0] === 'recorded' ? r.split('|')[6] === String(id) : r.split('|')[7] === '330382002000')).toBe(true);
    expect([...after.lines.keys()].filter((k) => k.includes(B1V1) || k.includes(C)).length).toBeGreaterThan(0);
    await expectAsRebuilt(t.db);
  });

  it('a flow that overfills a cell moves the lightest feature of that cell out, and rewrites no row of any other cell', async () => {
    // 1,300 recorded flows on one pair of villages of 乐清: one line's middle, so one cell at every zoom, overfilled;
    // a heavier one then pushes the lightest feature still drawn at z11 out.
    await fillCell(t.db);
    await expectAsRebuilt(t.db);
    const before = await tileVersions(t.db);
    const [id] = await t.db.transaction((tx) => insertRows(tx, flowKind, [flow(A1V1, A1V2, 'labour', '1950', '5000000', 'persons')]));
    const after = await tileVersions(t.db);
    const lines = rewritten(before.lines, after.lines).map((r) => r.split('|'));
    const [mine] = lines.filter((r) => r[5] === String(id));
    expect(mine!.slice(0, 3)).toEqual(['recorded', 'f', '11']);
    // Besides it, one feature, before (drawn from z11) and after (drawn later or never), in the same cell.
    expect(lines).toHaveLength(3);
    const pushed = lines.filter((r) => r[5] !== String(id));
    expect(pushed.map((r) => r[5])).toEqual([pushed[0]![5], pushed[0]![5]]);
    expect(pushed.map((r) => r[2]).sort()).toEqual(['11', '15']);
    expect(lines.every((r) => r[0] === 'recorded' && r[3] === mine![3] && r[4] === mine![4])).toBe(true);
    const ids = new Set(lines.map((r) => r[5]));
    expect(rewritten(before.pieces, after.pieces).every((r) => ids.has(r.split('|')[6]!))).toBe(true);
    // Other cells hold lines too, and none of them was rewritten.
    expect([...after.lines.keys()].some((k) => k.split('|')[0] === 'recorded' && (k.split('|')[3] !== mine![3] || k.split('|')[4] !== mine![4]))).toBe(true);
    await expectAsRebuilt(t.db);
    await t.db.query(`DELETE FROM flows WHERE period_start < '1951-01-01'`);
    await expectAsRebuilt(t.db);
  });

  // Two connections only on PostGIS (PGlite has one, so its writes never overlap).
  it.skipIf(testEngine().kind === 'pglite')('two writes into one full cell at once each push out a feature, as one after the other would', async () => {
    await fillCell(t.db);
    // Another factor each, so that the two share no row of the sums (whose row locks would order them anyway).
    const heavy = (factor: string, unit: string) => flow(A1V1, A1V2, factor, '1951', '6000000', unit);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = t.db.transaction(async (tx) => {
      await insertRows(tx, flowKind, [heavy('labour', 'persons')]);
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const second = t.db.transaction((tx) => insertRows(tx, flowKind, [heavy('capital', 'cny_10k')]));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);
    const drawn = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM flow_tile_lines WHERE level = 'recorded' AND NOT synthetic AND o = $1 AND d = $2 AND min_zoom <= 11`, [A1V1, A1V2]);
    expect(drawn[0]!.n).toBeLessThanOrEqual(1200);
    await expectAsRebuilt(t.db);
    await t.db.query(`DELETE FROM flows WHERE period_start < '1952-01-01'`);
  });
});
