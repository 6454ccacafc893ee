// `npm start` seeds the Wenzhou demo into an empty database once. Seeded without shapes (no mirror, no
// internet) the map would be empty for good, because a database that holds units is not seeded again: so
// the seed refuses, says where it looked, and writes nothing, and the next start with the mirror succeeds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/geodata/seed-demo.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

let t: TestDb;
const nowhere = path.join(os.tmpdir(), `atlas-no-mirror-${process.pid}`);
const unitCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units'))[0]!.n;

beforeAll(async () => {
  t = await emptyDb();
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('the demo seed', () => {
  it('refuses to seed without the boundary files, naming the missing mirror, and writes nothing', async () => {
    const config = loadConfig({ ...process.env, GEODATA_DIR: nowhere, ALLOW_DOWNLOAD: 'false' });
    await expect(seedDemo(t.db, config)).rejects.toThrow(/outlines are missing .*no data mirror at .*atlas-no-mirror.*does not exist.*GEODATA_DIR/);
    expect(await unitCount()).toBe(0);
  });

  it('names the mirror folder when it exists but lacks the files', async () => {
    fs.mkdirSync(nowhere, { recursive: true });
    try {
      const config = loadConfig({ ...process.env, GEODATA_DIR: nowhere, ALLOW_DOWNLOAD: 'false' });
      await expect(seedDemo(t.db, config)).rejects.toThrow(/not in the data mirror .*atlas-no-mirror.*ALLOW_DOWNLOAD=false/);
      expect(await unitCount()).toBe(0);
    } finally {
      fs.rmSync(nowhere, { recursive: true, force: true });
    }
  });

  it('seeds the 12 counties with their shapes once the mirror is there', async () => {
    const report = await seedDemo(t.db, loadConfig({ ...process.env, ALLOW_DOWNLOAD: 'false' }));
    expect(report.outlinesMissing).toEqual([]);
    const rows = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE level = 'county' AND geom IS NOT NULL");
    expect(rows[0]!.n).toBe(12);
  }, 120_000);
});
