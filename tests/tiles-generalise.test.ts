// Generalisation keeps neighbours edge to edge: at every zoom band the generalised units neither overlap
// nor open gaps (sliver holes) between them, on a hostile fixture and on the real Wenzhou data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../server/db/database.ts';
import { ZOOM_BANDS } from '../server/tiles/zoom-bands.ts';
import { regeneralise } from '../server/tiles/generalise.ts';
import { loadNeighbours, neighbourFeatures } from './fixtures/tiles/load-neighbours.ts';
import { emptyDb, seededDb, type TestDb } from './support/test-db.ts';

interface Coverage {
  band: number;
  units: number;
  /** Σ area − area of the union: zero when no two units overlap. */
  overlap: number;
  sumArea: number;
  unionArea: number;
  /** Holes of over 1 m² in the union of the units: a gap between neighbours shows up as one. (Smaller
   * ones are floating-point dust from ST_Union where three edges meet, not gaps anyone could see.) */
  holes: number;
}

/** Coverage per band of the generalised shapes of the units matched by `where` (u = units, g = shapes). */
function coverage(db: Queryable, where: string, params: unknown[] = []): Promise<Coverage[]> {
  return measure(db, `SELECT g.band, g.geom FROM unit_geom_generalised g JOIN units u USING (code) WHERE ${where}`, params);
}

/** The same measures for the source polygons of the units, in the same projection: the baseline. */
async function sourceCoverage(db: Queryable, where: string, params: unknown[] = [], simplify = 0): Promise<Coverage> {
  const geom = simplify ? `ST_SimplifyPreserveTopology(ST_Transform(u.geom, 3857), ${simplify})` : 'ST_Transform(u.geom, 3857)';
  const [c] = await measure(db, `SELECT -1 AS band, ${geom} AS geom FROM units u WHERE u.geom IS NOT NULL AND ${where}`, params);
  return c!;
}

function measure(db: Queryable, shapes: string, params: unknown[]): Promise<Coverage[]> {
  return db.query<Coverage>(
    `WITH s AS (${shapes}),
     b AS (SELECT band, count(*)::int AS units, sum(ST_Area(geom)) AS sum_area, ST_Union(geom) AS u FROM s GROUP BY band)
     SELECT band, units, sum_area - ST_Area(u) AS overlap, sum_area AS "sumArea", ST_Area(u) AS "unionArea",
            (SELECT count(*)::int FROM ST_Dump(u) d, generate_series(1, ST_NumInteriorRings(d.geom)) i
              WHERE ST_Area(ST_MakePolygon(ST_InteriorRingN(d.geom, i))) > 1) AS holes
     FROM b ORDER BY band`,
    params,
  );
}

describe('generalisation of a hostile fixture (jagged shared borders, an enclave, small islands)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
    await loadNeighbours(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('writes every band, and removes vertices at the coarse bands', async () => {
    const rows = await t.db.query<{ band: number; n: number; points: number }>(
      `SELECT band, count(*)::int AS n, sum(ST_NPoints(geom))::int AS points FROM unit_geom_generalised GROUP BY band ORDER BY band`,
    );
    expect(rows.map((r) => r.band)).toEqual(ZOOM_BANDS.map((b) => b.band));
    const [src] = await t.db.query<{ points: number }>(`SELECT sum(ST_NPoints(geom))::int AS points FROM units`);
    const source = src!.points;
    const finest = rows[rows.length - 1]!;
    expect(finest.n).toBe(neighbourFeatures().length);
    expect(finest.points).toBeGreaterThan(source * 0.95);
    expect(rows[0]!.points).toBeLessThan(source / 4);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.points).toBeGreaterThanOrEqual(rows[i - 1]!.points);
  });

  it('keeps neighbours from overlapping at every band', async () => {
    for (const c of await coverage(t.db, 'true')) {
      expect(c.overlap / c.sumArea, `band ${c.band}`).toBeLessThan(1e-9);
    }
  });

  it('opens no gap between neighbours at any band', async () => {
    const src = await sourceCoverage(t.db, 'true');
    expect(src.holes).toBe(0); // the enclave fills the only hole
    for (const c of await coverage(t.db, 'true')) expect(c.holes, `band ${c.band}`).toBe(0);
  });

  it('keeps the covered area close to the source area', async () => {
    const src = await sourceCoverage(t.db, 'true');
    for (const c of await coverage(t.db, 'true')) {
      expect(Math.abs(c.unionArea - src.unionArea) / src.unionArea, `band ${c.band}`).toBeLessThan(0.01);
    }
  });

  it('keeps the enclave and its hole in step once the enclave is drawn', async () => {
    const rows = await t.db.query<{ band: number; enclave: number; holes: number }>(
      `SELECT band,
              count(*) FILTER (WHERE code = '339910000000')::int AS enclave,
              coalesce(sum(ST_NumInteriorRings(ST_GeometryN(geom, 1))) FILTER (WHERE code = '339905000000'), 0)::int AS holes
       FROM unit_geom_generalised GROUP BY band ORDER BY band`,
    );
    for (const r of rows) expect(r.holes, `band ${r.band}`).toBe(r.enclave);
    expect(rows[rows.length - 1]!.enclave).toBe(1);
  });

  it('drops only islands too small to see, and keeps them at fine bands', async () => {
    const rows = await t.db.query<{ band: number; parts: number }>(
      `SELECT band, ST_NumGeometries(geom)::int AS parts FROM unit_geom_generalised WHERE code = '339908000000' ORDER BY band`,
    );
    expect(rows[rows.length - 1]!.parts).toBe(4); // the cell and its three islands
    expect(rows[0]!.parts).toBeLessThan(4);
  });

  it('is sensitive: simplifying each unit on its own at a band tolerance does open gaps and overlaps', async () => {
    // The baseline the topology-aware method is there to beat; if this stops finding gaps, the checks above
    // prove nothing about this fixture.
    const tolerance = Math.sqrt(ZOOM_BANDS[1]!.minTriangleM2);
    const naive = await sourceCoverage(t.db, 'true', [], tolerance);
    expect(naive.holes).toBeGreaterThan(0);
    expect(naive.overlap / naive.sumArea).toBeGreaterThan(1e-6);
  });

  it('rebuilds only the levels it is given, and leaves the others alone', async () => {
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_geom_generalised`);
    await t.db.transaction((tx) => regeneralise(tx, ['township']));
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_geom_generalised`);
    expect(after[0]!.n).toBe(before[0]!.n);
    await t.db.transaction((tx) => regeneralise(tx, ['county']));
    const again = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_geom_generalised`);
    expect(again[0]!.n).toBe(before[0]!.n);
  });
});

describe('generalisation of the Wenzhou demo', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('generalises all 12 counties at every band', async () => {
    const rows = await t.db.query<{ band: number; n: number }>(
      `SELECT band, count(*)::int AS n FROM unit_geom_generalised JOIN units USING (code) WHERE level = 'county' GROUP BY band ORDER BY band`,
    );
    expect(rows).toEqual(ZOOM_BANDS.map((b) => ({ band: b.band, n: 12 })));
  });

  it('opens no gap and adds no overlap between counties at any band', async () => {
    const src = await sourceCoverage(t.db, `u.level = 'county'`);
    for (const c of await coverage(t.db, `u.level = 'county'`)) {
      expect(c.holes, `band ${c.band}`).toBeLessThanOrEqual(src.holes);
      expect(c.overlap / c.sumArea, `band ${c.band}`).toBeLessThanOrEqual(Math.max(src.overlap / src.sumArea, 0) + 1e-9);
    }
  });

  it('keeps every pair of neighbouring counties touching at every band', async () => {
    const pairs = async (sql: string) =>
      (await t.db.query<{ pair: string }>(sql)).map((r) => r.pair).sort();
    const source = await pairs(
      `SELECT a.code || '-' || b.code AS pair FROM units a JOIN units b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
       WHERE a.level = 'county' AND b.level = 'county'`,
    );
    expect(source.length).toBeGreaterThan(10);
    for (const band of ZOOM_BANDS) {
      const generalised = await pairs(
        `SELECT a.code || '-' || b.code AS pair
         FROM unit_geom_generalised a JOIN unit_geom_generalised b ON a.code < b.code AND a.band = b.band AND ST_Intersects(a.geom, b.geom)
         JOIN units ua ON ua.code = a.code JOIN units ub ON ub.code = b.code
         WHERE a.band = ${band.band} AND ua.level = 'county' AND ub.level = 'county'`,
      );
      expect(generalised, `band ${band.band}`).toEqual(source);
    }
  });

  it('opens no gap between the approximate township areas of any county', async () => {
    const counties = await t.db.query<{ code: string }>(
      `SELECT DISTINCT parent_code AS code FROM units WHERE level = 'township' AND geom IS NOT NULL ORDER BY 1`,
    );
    expect(counties.length).toBeGreaterThan(0);
    for (const { code } of counties) {
      const src = await sourceCoverage(t.db, `u.level = 'township' AND u.parent_code = $1`, [code]);
      for (const c of await coverage(t.db, `u.level = 'township' AND u.parent_code = $1`, [code])) {
        expect(c.holes, `county ${code} band ${c.band}`).toBeLessThanOrEqual(src.holes);
        expect(c.overlap / c.sumArea, `county ${code} band ${c.band}`).toBeLessThan(1e-6);
      }
    }
  });
});

describe('a regional rebuild around one changed county (泰顺县) of the Wenzhou demo', () => {
  const CHANGED = '330329000000';
  let t: TestDb;
  type Shape = { code: string; band: number; hash: string };
  const shapes = async () =>
    new Map(
      (await t.db.query<Shape>(`SELECT code::text AS code, band, md5(ST_AsEWKB(geom)) AS hash FROM unit_geom_generalised ORDER BY code, band`)).map(
        (s) => [`${s.code}/${s.band}`, s.hash],
      ),
    );
  let before: Map<string, string>;
  let regional: Map<string, string>;
  let result: { rebuilt: number; context: number };
  beforeAll(async () => {
    t = await seededDb();
    before = await shapes();
    result = await t.db.transaction(async (tx) => {
      // About 100 m wider all round: it now overlaps its neighbours, which keep the overlap (lower codes).
      await tx.query(`UPDATE units SET geom = ST_Multi(ST_Buffer(geom, 0.001)) WHERE code = $1`, [CHANGED]);
      return regeneralise(tx, undefined, { around: [CHANGED] });
    });
    regional = await shapes();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("leaves every other region's shapes untouched: only units within reach of the changed one are rewritten", async () => {
    const near = new Set(
      (
        await t.db.query<{ code: string }>(
          `SELECT u.code::text AS code FROM units u JOIN units c ON c.code = $1 WHERE ST_DWithin(u.geom, c.geom, 0.002)`,
          [CHANGED],
        )
      ).map((r) => r.code),
    );
    const rewritten = new Set([...regional].filter(([k, h]) => before.get(k) !== h).map(([k]) => k.split('/')[0]!));
    expect(rewritten.has(CHANGED)).toBe(true);
    for (const code of rewritten) expect(near.has(code), code).toBe(true);
    const untouched = [...before.keys()].filter((k) => !near.has(k.split('/')[0]!));
    expect(untouched.length).toBeGreaterThan(before.size / 2);
    for (const k of untouched) expect(regional.get(k), k).toBe(before.get(k));
    expect(result.rebuilt).toBeLessThan(new Set([...before.keys()].map((k) => k.split('/')[0])).size);
    expect(result.context).toBeGreaterThan(0);
  });

  it('opens no gap and adds no overlap between counties at any band', async () => {
    const src = await sourceCoverage(t.db, `u.level = 'county'`);
    for (const c of await coverage(t.db, `u.level = 'county'`)) {
      expect(c.holes, `band ${c.band}`).toBeLessThanOrEqual(src.holes);
      expect(c.overlap / c.sumArea, `band ${c.band}`).toBeLessThan(1e-9);
    }
  });

  it('gives the same shapes as rebuilding everything', async () => {
    await t.db.exec(`CREATE TABLE regional_shapes AS SELECT * FROM unit_geom_generalised`);
    await t.db.transaction((tx) => regeneralise(tx));
    // Compared as shapes, not bytes: a full rebuild numbers the faces differently, so rings may start elsewhere.
    const differing = await t.db.query<{ key: string; diff: number }>(
      `SELECT f.code || '/' || f.band AS key, ST_Area(ST_SymDifference(f.geom, r.geom)) AS diff
       FROM unit_geom_generalised f FULL JOIN regional_shapes r USING (code, band)
       WHERE r.geom IS NULL OR f.geom IS NULL OR NOT ST_Equals(f.geom, r.geom) ORDER BY 1`,
    );
    expect(differing).toEqual([]);
  });
});
