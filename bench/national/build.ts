// Builds the national benchmark database from nothing: schema, real units (real-units.ts), synthetic
// villages and flows (villages.ts, flows.ts), statistics. Skipped when a finished build with the same stamp
// (generator version and parameters) is already there, unless a rebuild is asked for.
import { isDeepStrictEqual } from 'node:util';
import type { Database, Queryable } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { Progress } from '../../server/geodata/progress.ts';
import { type BenchDbTarget, openBench, readStamp, recreateDatabase, writeStamp } from './bench-db.ts';
import { type CountyPlaces, type FlowStats, syntheticFlows } from './flows.ts';
import { buildStamp, SYNTHETIC_SOURCE_ID, type GeneratorParams } from './params.ts';
import { importRealUnits, type RealPartReport } from './real-units.ts';
import { benchSql } from './sql-text.ts';
import { insertFlowBatch, insertVillages, upsertSyntheticSource } from './synthetic-load.ts';
import { syntheticVillages, type TownshipSeat } from './villages.ts';

export interface BuildReport {
  built: boolean;
  seconds: number;
  real?: RealPartReport;
  villages?: number;
  flowStats?: FlowStats;
  steps?: Record<string, number>;
  counts: DatasetCounts;
}

export interface DatasetCounts {
  units: Record<string, number>;
  flows: number;
  syntheticFlows: number;
  tableMb: number;
}

export async function datasetCounts(db: Database): Promise<DatasetCounts> {
  const units = await db.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM units GROUP BY level');
  const [f] = await db.query<{ n: number; s: number; mb: number }>(
    "SELECT count(*)::int AS n, count(*) FILTER (WHERE synthetic)::int AS s, round(pg_total_relation_size('flows') / 1048576.0)::int AS mb FROM flows",
  );
  return { units: Object.fromEntries(units.map((u) => [u.level, u.n])), flows: f!.n, syntheticFlows: f!.s, tableMb: f!.mb };
}

/** The places the flow generator draws from, sorted by code; from the database, so the draw follows the import. */
export async function countyPlaces(db: Queryable): Promise<CountyPlaces[]> {
  // Three plain scans grouped here: correlated subqueries per county were slow right after the bulk insert.
  const counties = await db.query<{ code: string; lon: number; lat: number }>(
    "SELECT code, ST_X(point) AS lon, ST_Y(point) AS lat FROM units WHERE level = 'county' AND point IS NOT NULL ORDER BY code",
  );
  const townships = await db.query<{ code: string; parent_code: string }>(
    "SELECT code, parent_code FROM units WHERE level = 'township' ORDER BY code",
  );
  const villages = await db.query<{ code: string; parent_code: string }>(
    "SELECT code, parent_code FROM units WHERE level = 'village' ORDER BY code",
  );
  const places = new Map(counties.map((c) => [c.code, { ...c, townships: [] as string[], villages: [] as string[] }]));
  const countyOfTownship = new Map<string, string>();
  for (const t of townships) {
    const c = places.get(t.parent_code);
    if (!c) continue;
    c.townships.push(t.code);
    countyOfTownship.set(t.code, t.parent_code);
  }
  for (const v of villages) {
    const county = countyOfTownship.get(v.parent_code);
    if (county) places.get(county)!.villages.push(v.code);
  }
  return [...places.values()];
}

async function measureUnits(db: Database): Promise<Map<string, number>> {
  const rows = await db.query<{ key: string; f: number }>('SELECT key, to_canonical AS f FROM measure_units');
  return new Map(rows.map((r) => [r.key, Number(r.f)]));
}

export async function ensureDataset(
  target: BenchDbTarget,
  p: GeneratorParams,
  o: { rebuild: boolean; geodataDir: string; workDir: string; progress: Progress },
): Promise<BuildReport> {
  const started = Date.now();
  const stamp = buildStamp(p);
  if (!o.rebuild) {
    const current = (await readStamp(target)) as { build?: unknown } | null;
    if (current && isDeepStrictEqual(current.build, stamp)) {
      const db = openBench(target);
      try {
        // A database built before a migration gets it here (003 fills the derived flow tables once, ~1 min).
        const t = Date.now();
        const applied = await migrate(db);
        if (applied.length) {
          o.progress.note(`applied migrations ${applied.join(', ')} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
          // A migration may have filled a table (011: the qualifier cube): vacuumed as a build leaves it.
          await vacuumAnalyze(db);
        }
        return { built: false, seconds: 0, counts: await datasetCounts(db) };
      } finally {
        await db.close();
      }
    }
  }

  o.progress.note(`building database ${target.name} (generator v${stamp.generatorVersion}, seed ${p.seed}, ${p.flows.toLocaleString('en')} flows)`);
  await recreateDatabase(target);
  const db = openBench(target);
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    steps[name] = Math.round((Date.now() - t) / 100) / 10;
    o.progress.note(`${name}: ${steps[name]} s`);
    return r;
  };
  try {
    await step('schema', () => migrate(db));
    const real = await step('real units (DataV outlines, 2016 townships, 2020 census)', () =>
      importRealUnits(db, { geodataDir: o.geodataDir, workDir: o.workDir, progress: o.progress }),
    );
    await upsertSyntheticSource(db, p);
    const townships = await db.query<TownshipSeat>(
      "SELECT code, ST_X(point) AS lon, ST_Y(point) AS lat FROM units WHERE level = 'township' ORDER BY code",
    );
    const villages = syntheticVillages(townships, p);
    // Bulk loads run with triggers off (the parent check and the foreign keys would fire once per row, which
    // took most of the build); the same rules are then checked at once, and any breach stops the build.
    await step('synthetic villages', async () => {
      await db.transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = 'replica'");
        await insertVillages(tx, villages, p);
      });
      await db.exec('ANALYZE units');
    });
    const flowStats: FlowStats = { drawn: 0, sameUnitRedraws: 0, duplicateRedraws: 0 };
    await step('synthetic flows', async () => {
      const places = await countyPlaces(db);
      const toCanonical = await measureUnits(db);
      let done = 0;
      await db.transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = 'replica'");
        for (const batch of syntheticFlows(places, p, toCanonical, 50_000, flowStats)) {
          done += await insertFlowBatch(tx, batch);
          o.progress.step('inserting synthetic flows', done, p.flows);
        }
      });
    });
    // The loads above ran with triggers off, so the derived tables the API reads (unit_rollup, balance_cube,
    // flow_lines; sql/migrations/003_flow_aggregates.sql) are rebuilt once here, as a write would keep them.
    await step('derived flow tables', () => db.query('SELECT atlas_rebuild_flow_aggregates()'));
    await step('check references', async () => {
      const [bad] = await db.query<{ bad_villages: number; bad_flows: number }>(benchSql('check_synthetic_references'), [SYNTHETIC_SOURCE_ID]);
      if (bad!.bad_villages || bad!.bad_flows) throw new Error(`bulk load broke the schema's rules: ${JSON.stringify(bad)}`);
    });
    // Fresh statistics and a visibility map, as a database that has been live for a while would have.
    await step('vacuum analyze', () => vacuumAnalyze(db));
    const counts = await datasetCounts(db);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    await writeStamp(target, { build: stamp, builtAt: new Date().toISOString(), seconds, counts });
    return { built: true, seconds, real, villages: villages.length, flowStats, steps, counts };
  } finally {
    await db.close();
  }
}

const VACUUMED = ['units', 'flows', 'indicators', 'unit_rollup', 'balance_cube', 'balance_qualifier_cube', 'flow_lines', 'flow_tile_lines', 'flow_tile_pieces', 'flow_rolled'];

async function vacuumAnalyze(db: Database): Promise<void> {
  // One statement each: VACUUM refuses to run inside the implicit transaction of a multi-statement query.
  for (const table of VACUUMED) await db.exec(`VACUUM (ANALYZE) ${table}`);
}
