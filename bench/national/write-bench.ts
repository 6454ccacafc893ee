// `npx tsx bench/national/write-bench.ts`: what a write of real flows costs on the national bench database
// (docs/bench-national.md, writes), through the API's own write path (insertRows, flowKind.update, the
// route's DELETE, the data-version bump), each step in the transaction the API would use:
//   insert 100 real flows in one statement (a bulk upload), move one of them (PUT), move all of them in one
//   statement (a batch edit), edit one flow's note only (PUT that moves nothing), delete one (DELETE),
//   delete the rest in one statement.
// Every run is rolled back at the end, so the database (which other benchmarks share) is left as it was.
//
//   npx tsx bench/national/write-bench.ts [--runs 5] [--flows 100] [--background 0] [--batch 50000] [--no-migrate] [--as-before]
//
// The background flows go in as one upload (insertRows), timed as "upload.background", in statements of --batch
// flows (the upload's own batch size by default; 5,000 before session 5).
// --as-before times the write path as it was before migration 012 and commit 676f38b, inside each rolled-back
// run (nothing of it is committed): the tile tables refreshed on every write, their refresh unable to use 012's
// partial indexes (the kind compared with IS NOT DISTINCT FROM, which no index predicate matches: a scan of
// each table, as before the indexes existed), and the upload's checks comparing unit codes as text.
//
// --background K first stores K other real flows (untimed, in the same rolled-back transaction): up to
// migration 013 the tile tables were rebuilt for the kind written, so a write's cost grew with the real flows
// already stored; from 014 a write rewrites only the tile rows of its features and their cells.
// --no-migrate times the schema as it is (e.g. before a new migration, for a before/after); by default the
// database is first brought to the current schema, as `npm run bench:national` does.
import os from 'node:os';
import type { Queryable } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { flowKind } from '../../server/flows/flow-records.ts';
import { insertRows, validateRows, type RawRow } from '../../server/flows/record-store.ts';
import { setLogLevel } from '../../server/log.ts';
import { benchArgs, wholeOption } from '../bench-args.ts';
import { openBuiltBench } from './bench-db.ts';
import { median } from './measure.ts';
import { seededRng } from './prng.ts';

const command = {
  name: 'write-bench',
  usage: 'npx tsx bench/national/write-bench.ts [--runs 5] [--flows 100] [--background 0] [--batch 50000] [--no-migrate] [--as-before]',
};
const a = benchArgs(command, {
  runs: { type: 'string', default: '5' },
  flows: { type: 'string', default: '100' },
  background: { type: 'string', default: '0' },
  batch: { type: 'string', default: '50000' },
  'no-migrate': { type: 'boolean', default: false },
  'as-before': { type: 'boolean', default: false },
});
const runs = wholeOption(command, 'runs', a.runs, 1, 50);
const n = wholeOption(command, 'flows', a.flows, 2, 5000);
const batch = wholeOption(command, 'batch', a.batch, 1);
const background = wholeOption(command, 'background', a.background, 0, 200_000);

setLogLevel('error');
const { target, db } = await openBuiltBench(10 * 60_000);
const SOURCE = 'bench.write-bench';
const FACTORS = [['labour', 'persons'], ['capital', 'cny_10k'], ['land', 'hectares']] as const;

class Rollback extends Error {}

/** Real flows between real townships and counties with a point (the units the map draws lines between). */
async function flowRows(tx: Queryable, seed: number): Promise<{ background: RawRow[]; insert: RawRow[]; move: RawRow[] }> {
  const units = (await tx.query<{ code: string }>(
    `SELECT code FROM units WHERE level IN ('county', 'township') AND point IS NOT NULL AND right(code, 3) = '000' ORDER BY code`,
  )).map((r) => r.code);
  const rnd = seededRng(seed);
  const pick = () => units[rnd.int(0, units.length - 1)]!;
  const row = (i: number, period: string): RawRow => {
    const [factor, unit] = FACTORS[i % FACTORS.length]!;
    let origin = pick();
    let dest = pick();
    while (dest === origin) dest = pick();
    return { row: i + 1, raw: { origin, dest, factor, period, magnitude: String(rnd.int(1, 1000)), magnitude_unit: unit, basis: 'observed', source_id: SOURCE } };
  };
  return {
    // Years apart from the timed flows', so that no background flow duplicates one of them.
    background: Array.from({ length: background }, (_, i) => row(i, String(1990 + (i % 20)))),
    insert: Array.from({ length: n }, (_, i) => row(i, '2023')),
    // Each flow moved to other units, another factor and another period.
    move: Array.from({ length: n }, (_, i) => row(i + 1, '2021/2022')),
  };
}

/** The two trigger functions as 006/007 left them, from their current text (see --as-before). */
async function triggersAsBefore(tx: Queryable): Promise<void> {
  const def = async (fn: string) =>
    (await tx.query<{ d: string }>(`SELECT pg_get_functiondef($1::regprocedure) AS d`, [fn]))[0]!.d;
  const refresh = await def('atlas_refresh_flow_min_zoom(boolean)');
  const changed = await def('atlas_flows_changed()');
  if (changed.includes('atlas_flow_tiles_write')) throw new Error('--as-before emulates the schema up to 013: run it with --no-migrate on a database not yet at 014');
  const before = [
    refresh.replace(/ SET plan_cache_mode TO '[a-z_]+'\n/, '').replaceAll('synthetic = p_synthetic', 'synthetic IS NOT DISTINCT FROM p_synthetic'),
    changed.replace('IF lines_changed > 0 THEN', 'IF true THEN'),
  ];
  if (before[0] === refresh || before[1] === changed) throw new Error('--as-before: the trigger functions are not as migration 012 wrote them');
  for (const sql of before) await tx.exec(sql);
}

/** The upload's checks as before 676f38b: codes compared as text (no index on the code columns). */
const textCodes = (tx: Queryable): Queryable => ({
  query: (sql, params, options) => tx.query(sql.replaceAll('::char(12)[]', '::text[]'), params, options),
  exec: (sql) => tx.exec(sql),
});

const bump = (tx: Queryable) => tx.query('UPDATE data_version SET version = version + 1, changed_at = now()');

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const STEPS = ['upload.background', 'insert', 'update.one', 'update.all', 'update.note', 'delete.one', 'delete.rest'] as const;
type Step = (typeof STEPS)[number];

async function oneRun(seed: number): Promise<Record<Step, number>> {
  const ms = {} as Record<Step, number>;
  await db.transaction(async (inner) => {
    const tx = a['as-before'] ? textCodes(inner) : inner;
    if (a['as-before']) await triggersAsBefore(tx);
    await tx.query(`INSERT INTO sources (id, title, publisher, licence) VALUES ($1, 'write bench (rolled back)', 'bench', 'none')`, [SOURCE]);
    const rows = await flowRows(tx, seed);
    ms['upload.background'] = await timed(() => insertRows(tx, flowKind, rows.background, batch));
    let ids: number[] = [];
    ms.insert = await timed(async () => {
      ids = await insertRows(tx, flowKind, rows.insert);
      await bump(tx);
    });
    const moved = await validateRows(tx, flowKind, rows.move);
    ms['update.one'] = await timed(async () => {
      await flowKind.update(tx, ids[0]!, moved[0]!);
      await bump(tx);
    });
    ms['update.all'] = await timed(async () => {
      // One statement, as a batch edit would be (the API's PUT is one flow; this is its set-based form).
      await tx.query(
        `UPDATE flows f SET origin_code = m.o, dest_code = m.d, factor = m.factor, period_start = m.ps::date, period_end = m.pe::date,
                magnitude = m.mag::numeric, magnitude_unit = m.unit, updated_at = now()
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS m (id, o, d, factor, ps, pe, mag, unit)
         WHERE f.id = m.id`,
        [ids, moved.map((v) => v.origin), moved.map((v) => v.dest), moved.map((v) => v.factor), moved.map((v) => v.period_start),
          moved.map((v) => v.period_end), moved.map((v) => v.magnitude), moved.map((v) => v.magnitude_unit)],
      );
      await bump(tx);
    });
    ms['update.note'] = await timed(async () => {
      await tx.query(`UPDATE flows SET note = 'edited', updated_at = now() WHERE id = $1`, [ids[1]]);
      await bump(tx);
    });
    ms['delete.one'] = await timed(async () => {
      await tx.query('DELETE FROM flows WHERE id = $1 AND NOT synthetic RETURNING id', [ids[0]]);
      await bump(tx);
    });
    ms['delete.rest'] = await timed(async () => {
      await tx.query('DELETE FROM flows WHERE id = ANY ($1::bigint[]) AND NOT synthetic', [ids.slice(1)]);
      await bump(tx);
    });
    throw new Rollback();
  }).catch((err) => {
    if (!(err instanceof Rollback)) throw err;
  });
  return ms;
}

try {
  const applied = a['no-migrate'] ? [] : await migrate(db);
  const schema = (await db.query<{ v: string }>('SELECT max(version) AS v FROM schema_migrations'))[0]!.v;
  const counts = (await db.query<{ real: string; synthetic: string }>(
    'SELECT count(*) FILTER (WHERE NOT synthetic) AS real, count(*) FILTER (WHERE synthetic) AS synthetic FROM flows',
  ))[0]!;
  const loadBefore = os.loadavg();
  process.stderr.write(`[write-bench] ${target.name}, schema ${schema}${applied.length ? ` (applied now: ${applied.join(', ')})` : ''}, ` +
    `${a['as-before'] ? 'AS BEFORE 012 (emulated), ' : ''}${counts.real} real + ${counts.synthetic} synthetic flows, + ${background} real ones a run (untimed); ${n} flows a run, 1 warm-up + ${runs} runs, each rolled back\n`);
  await oneRun(1);
  const all: Record<Step, number>[] = [];
  for (let i = 0; i < runs; i++) all.push(await oneRun(2 + i));
  const loadAfter = os.loadavg();
  console.log(`write bench on ${target.name} (schema ${schema}${a['as-before'] ? ', as before 012 and 676f38b' : ''}), ${n} real flows over ${Number(counts.real) + background} stored real ones; load ${loadBefore.map((x) => x.toFixed(1)).join(' ')} → ${loadAfter.map((x) => x.toFixed(1)).join(' ')}`);
  console.log('step          median ms   min ms   runs');
  for (const s of STEPS.filter((x) => background || x !== 'upload.background')) {
    const xs = all.map((r) => r[s]);
    console.log(`${s.padEnd(13)} ${median(xs).toFixed(1).padStart(9)} ${Math.min(...xs).toFixed(1).padStart(8)}   ${xs.map((x) => x.toFixed(0)).join(', ')}`);
  }
  // Every run is rolled back, but its rows stay behind as dead tuples, and this machine's PostgreSQL runs
  // with autovacuum off: unvacuumed, they slowed the series balance on the shared database from 175 to 324 ms.
  await db.exec('VACUUM (ANALYZE) flows, flow_rolled, flow_lines, balance_cube, balance_qualifier_cube, flow_tile_lines, flow_tile_pieces');
} finally {
  await db.close();
}
