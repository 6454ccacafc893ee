// The drop rule weighs each feature against its own factor, basis and unit (migration 015): in a crowded cell,
// capital in 万元 and labour in persons are drawn at the cell's first zoom in similar shares, however far apart
// their raw figures lie. Under 014's raw order (every scale 1) the heavier unit alone would be drawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';

const SRC = 'test.tile-order';
const V1 = '330382001001';
const V2 = '330382001002';

// 乐清 down to two villages of one township: a flow between them is drawn at the recorded level only.
const CHAIN: [code: string, parent: string | null, level: string, name: string, lon: number, lat: number][] = [
  ['330000000000', null, 'province', '浙江省', 120.15, 30.27],
  ['330300000000', '330000000000', 'prefecture', '温州市', 120.7, 28.0],
  ['330382000000', '330300000000', 'county', '乐清市', 120.98, 28.12],
  ['330382001000', '330382000000', 'township', '乐成街道', 120.96, 28.13],
  [V1, '330382001000', 'village', '甲村', 120.95, 28.14],
  [V2, '330382001000', 'village', '乙村', 120.97, 28.15],
];
const UNITS = `
INSERT INTO sources (id, title, publisher, licence) VALUES ('${SRC}', 'tile order test', 'tests', 'MIT');
INSERT INTO units (code, parent_code, level, name_zh, point, point_basis, geom_quality, source_id, vintage)
SELECT code, parent, level, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'seat', 'none', '${SRC}', 't'
FROM jsonb_to_recordset('${JSON.stringify(CHAIN.map(([code, parent, level, name, lon, lat]) => ({ code, parent, level, name, lon, lat })))}')
  AS u (code text, parent text, level text, name text, lon float8, lat float8);
`;

/** 1,300 flows of one factor and unit on one pair of villages (one recorded cell at every zoom), figures scale × 1..1,300. */
const crowd = (factor: string, unit: string, scale: number, year: number) => `
  INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id)
  SELECT '${V1}', '${V2}', '${factor}', d, d, i * ${scale}, '${unit}', 'observed', '${SRC}'
  FROM generate_series(1, 1300) i, LATERAL (SELECT '${year}-01-01'::date + i AS d) x`;

let t: TestDb;
beforeAll(async () => {
  t = await emptyDb();
  await t.db.exec(UNITS);
  await t.db.exec(crowd('capital', 'cny_10k', 10000, 1900));
  await t.db.exec(crowd('labour', 'persons', 1, 1910));
});
afterAll(async () => t?.drop());

/** Recorded features drawn from z11 (the band's first zoom), per factor. */
async function drawnAt11(): Promise<Record<string, number>> {
  const rows = await t.db.query<{ factor: string; n: number }>(
    `SELECT factor, count(*) FILTER (WHERE min_zoom <= 11)::int AS n FROM flow_tile_lines WHERE level = 'recorded' GROUP BY factor ORDER BY factor`);
  return Object.fromEntries(rows.map((r) => [r.factor, r.n]));
}

describe('the flow tiles drop rule in a crowded cell', () => {
  it('draws capital in 万元 and labour in persons in similar shares at the first zoom, written one unit after the other', async () => {
    const drawn = await drawnAt11();
    expect(drawn.capital! + drawn.labour!).toBe(1200);
    expect(drawn.labour).toBeGreaterThan(500);
    expect(drawn.capital).toBeGreaterThan(500);
  });

  it('draws them in similar shares after a full rebuild too', async () => {
    await t.db.query('SELECT atlas_refresh_flow_min_zoom(false)');
    const drawn = await drawnAt11();
    expect(drawn.labour).toBeGreaterThan(500);
    expect(drawn.capital).toBeGreaterThan(500);
  });

  it('would draw only capital under the raw figures (every scale 1, as migration 014 ordered)', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('UPDATE flow_tile_scales SET scale = 1');
      await tx.query('SELECT atlas_flow_tiles_rebuild(false)');
      const rows = await tx.query<{ factor: string; n: number }>(
        `SELECT factor, count(*)::int AS n FROM flow_tile_lines WHERE level = 'recorded' AND min_zoom <= 11 GROUP BY factor`);
      expect(Object.fromEntries(rows.map((r) => [r.factor, r.n]))).toEqual({ capital: 1200 });
      throw new Error('rolled back');
    }).catch((err) => {
      if (!(err instanceof Error) || err.message !== 'rolled back') throw err;
    });
  });
});
