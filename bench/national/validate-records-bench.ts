// `npx tsx bench/national/validate-records-bench.ts`: what validating an upload of 100 alliances and of 100
// indicators costs on the national bench database (validateRows, the upload's own checks: units, sources,
// conversions, duplicates in the batch and among the stored records). Nothing is written: each run is one
// transaction, rolled back, and the schema is not migrated (the database is shared).
//
//   npx tsx bench/national/validate-records-bench.ts [--runs 7] [--records 100] [--background 0] [--as-before]
//
// --background K first stores K synthetic alliances and K synthetic indicators (untimed, in the same
// rolled-back transaction): the national database holds no alliances and 5,658 indicators, too few for a scan
// of either to show. The tables are vacuumed afterwards; their indexes keep the space (free for reuse).
// --as-before compares the unit codes of the duplicate checks as text, as alliance-records.ts and
// indicator-records.ts did before session 5 (the units look-up keeps char(12), fixed in 676f38b).
import os from 'node:os';
import type { Queryable } from '../../server/db/database.ts';
import { allianceKind } from '../../server/flows/alliance-records.ts';
import { indicatorKind } from '../../server/flows/indicator-records.ts';
import type { RecordKind } from '../../server/flows/record-kind.ts';
import { validateRows, type RawRow } from '../../server/flows/record-store.ts';
import { setLogLevel } from '../../server/log.ts';
import { benchArgs, wholeOption } from '../bench-args.ts';
import { openBuiltBench } from './bench-db.ts';
import { median } from './measure.ts';

const command = {
  name: 'validate-records-bench',
  usage: 'npx tsx bench/national/validate-records-bench.ts [--runs 7] [--records 100] [--background 0] [--as-before]',
};
const a = benchArgs(command, {
  runs: { type: 'string', default: '7' },
  records: { type: 'string', default: '100' },
  background: { type: 'string', default: '0' },
  'as-before': { type: 'boolean', default: false },
});
const runs = wholeOption(command, 'runs', a.runs, 1, 50);
const n = wholeOption(command, 'records', a.records, 1, 5000);
const background = wholeOption(command, 'background', a.background, 0, 500_000);

setLogLevel('error');
const { target, db } = await openBuiltBench(10 * 60_000);
const SOURCE = 'bench.validate-records';

class Rollback extends Error {}

/** The duplicate checks as before: codes compared as text, so no index on a code column can serve them. */
const textCodes = (tx: Queryable): Queryable => ({
  query: (sql, params, options) => tx.query(/JOIN (alliances|indicators) /.test(sql) ? sql.replaceAll('::char(12)[]', '::text[]') : sql, params, options),
  exec: (sql) => tx.exec(sql),
});

async function storeBackground(tx: Queryable): Promise<void> {
  // Counties paired in order of code; indicators over townships, three keys, several years.
  await tx.query(
    `INSERT INTO alliances (programme, a_code, a_role, b_code, b_role, start_year, source_id, synthetic)
     SELECT 'mountain_sea', a.code, 'core', b.code, 'periphery', 2000 + (a.i % 20), $2, true
     FROM (SELECT code, row_number() OVER (ORDER BY code) AS i FROM units WHERE level IN ('county', 'township')) a
     JOIN LATERAL (SELECT code FROM units WHERE level = 'county' AND code <> a.code ORDER BY code OFFSET (a.i % 2000) LIMIT 1) b ON true
     LIMIT $1`,
    [background, SOURCE],
  );
  await tx.query(
    `INSERT INTO indicators (unit_code, year, indicator, value, unit_of_measure, basis, source_id, synthetic)
     SELECT u.code, y, 'population_resident', 1000, 'persons', 'modelled', $2, true
     FROM (SELECT code FROM units WHERE level = 'township' ORDER BY code) u CROSS JOIN generate_series(2000, 2019) y
     LIMIT $1`,
    [background, SOURCE],
  );
}

async function uploads(tx: Queryable): Promise<{ alliances: RawRow[]; indicators: RawRow[] }> {
  const counties = (await tx.query<{ code: string }>(`SELECT code::text AS code FROM units WHERE level = 'county' ORDER BY md5(code) LIMIT $1`, [n + 1])).map((r) => r.code);
  const townships = (await tx.query<{ code: string }>(`SELECT code::text AS code FROM units WHERE level = 'township' ORDER BY md5(code) LIMIT $1`, [n])).map((r) => r.code);
  return {
    alliances: counties.slice(0, n).map((c, i) => ({
      row: i + 1,
      raw: { programme: 'east_west', a_code: c, a_role: 'core', b_code: counties[i + 1], b_role: 'partner', start_year: '2021', source_id: SOURCE },
    })),
    indicators: townships.map((c, i) => ({
      row: i + 1,
      raw: { unit_code: c, year: '2022', indicator: 'population_resident', value: '1.25', unit: 'persons_10k', source_id: SOURCE },
    })),
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const times: Record<string, number[]> = { alliances: [], indicators: [] };
// One transaction for all runs (validation writes nothing), so the background is stored once: rolled back, its
// rows stay as dead tuples until a VACUUM, which this runs at the end.
await db
  .transaction(async (inner) => {
    await inner.query(`INSERT INTO sources (id, title, publisher, licence) VALUES ($1, 'validate bench', 'bench', 'none')`, [SOURCE]);
    if (background) await storeBackground(inner);
    const tx = a['as-before'] ? textCodes(inner) : inner;
    const up = await uploads(inner);
    const check = async <T>(kind: RecordKind<T>, rows: RawRow[]) => {
      const ok = await validateRows(tx, kind, rows);
      if (ok.length !== rows.length) throw new Error(`${kind.noun}: ${ok.length} of ${rows.length} valid`);
    };
    for (let run = 0; run < runs; run++) {
      times.alliances!.push(await timed(() => check(allianceKind, up.alliances)));
      times.indicators!.push(await timed(() => check(indicatorKind, up.indicators)));
    }
    throw new Rollback();
  })
  .catch((e: unknown) => {
    if (!(e instanceof Rollback)) throw e;
  });
if (background) await db.exec('VACUUM alliances, indicators, sources');
await db.close();

const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`validate ${n} records, ${runs} runs, background ${background}${a['as-before'] ? ', as before (codes as text)' : ''}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [k, xs] of Object.entries(times)) console.log(`  ${k}: ${fmt(xs)}`);
