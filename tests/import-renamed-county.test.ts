// A county whose status changed after the outline files were drawn has a new code (水城县 520221 → 水城区
// 520204 in 2020), while the outline mirror files it under the old one. The region import still finds it
// there, and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegion, type RegionImportReport } from '../server/geodata/region-import.ts';
import { nameStem } from '../server/geodata/renamed-outline.ts';
import { mirrorRegionOptions } from './support/region-options.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

let t: TestDb;
let report: RegionImportReport;

beforeAll(async () => {
  t = await emptyDb();
  report = await importRegion(t.db, mirrorRegionOptions('520204'));
}, 300_000);
afterAll(async () => {
  await t?.drop();
});

describe('a county renamed since the outline files', () => {
  it('strips only the status suffix from a name', () => {
    expect(nameStem('水城县')).toBe('水城');
    expect(nameStem('水城区')).toBe('水城');
    expect(nameStem('黔西市')).toBe('黔西');
    expect(nameStem('松桃苗族自治县')).toBe('松桃苗族');
    expect(nameStem('鄞州区')).not.toBe(nameStem('鄞县'));
  });

  it('gives 水城区 (520204) the outline filed under its earlier code 520221, with a note, instead of none', async () => {
    expect(report.outlinesMissing).toEqual([]);
    expect(report.outlinesRenamed).toEqual([expect.stringMatching(/^520204 水城区: outline filed under 520221 \(named 水城. there\)/)]);
    const [u] = await t.db.query<{ geom_quality: string; source_id: string; note: string }>(
      "SELECT geom_quality, source_id, note FROM units WHERE code = '520204000000'",
    );
    expect(u).toEqual({ geom_quality: 'approximate', source_id: 'datav-areas-v2', note: expect.stringContaining('520221') });
    // The 2016 township seats (another source) fall inside it: a wrong county's outline would drop them.
    expect(report.townships.withPoint).toBeGreaterThan(10);
    expect(report.townships.droppedOutsideCounty).toEqual([]);
  });

  it('gives its townships approximate areas inside that outline', async () => {
    const [r] = await t.db.query<{ n: number; outside: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE NOT ST_Covers(ST_Buffer(c.geom::geography, 1)::geometry, t.geom))::int AS outside
       FROM units t JOIN units c ON c.code = t.parent_code
       WHERE t.level = 'township' AND t.geom IS NOT NULL AND c.code = '520204000000'`,
    );
    expect(r!.n).toBeGreaterThan(5);
    expect(r!.outside).toBe(0);
  });
});
