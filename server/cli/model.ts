// `npm run model -- run`: recompute the modelled labour layer (docs/model.md) and store it with basis
// 'modelled', replacing the previous run of the same model. --dry-run prints without writing.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { dataVersion } from '../db/data-version.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { setLogLevel } from '../log.ts';
import { DEFAULT_DETERRENCE, countyModel, storeModelRun, townshipModel, type ModelRun } from '../analysis/labour-model.ts';
import type { Deterrence } from '../analysis/gravity-model.ts';

const USAGE = `Usage:
  npm run model -- run [--level county|township|all] [--beta <β>] [--min-km <km>] [--dry-run] [--json]

Defaults: --level all --beta ${DEFAULT_DETERRENCE.beta} --min-km ${DEFAULT_DETERRENCE.minKm}. Needs the Wenzhou units in the database
(npm start seeds them). The database is DATABASE_URL, or the embedded engine in PGLITE_DIR.`;

function num(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(`--${name} must be a number from ${min} to ${max}`);
  return Number(raw);
}

function print(run: ModelRun) {
  const stored = run.flows.reduce((s, f) => s + f.value, 0);
  console.log(`\n${run.level} model (${run.sourceId}): ${run.flows.length} flows, ${stored.toLocaleString('en')} persons`);
  for (const n of run.notes) console.log(`  ${n}`);
  console.log('  county        census total   stored here  share');
  for (const s of run.summary) {
    const share = s.total ? `${((100 * s.stored) / s.total).toFixed(1)}%` : '–';
    console.log(`  ${s.code.slice(0, 6)} ${s.name_zh.padEnd(5, '　')} ${String(s.total).padStart(12)} ${String(s.stored).padStart(12)}  ${share.padStart(6)}${s.note ? `  ${s.note}` : ''}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      level: { type: 'string', default: 'all' },
      beta: { type: 'string' },
      'min-km': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals[0] !== 'run') {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['county', 'township', 'all'].includes(values.level!)) throw new ConfigError('--level must be county, township or all');
  const f: Deterrence = { beta: num('beta', values.beta, DEFAULT_DETERRENCE.beta, 0, 10), minKm: num('min-km', values['min-km'], DEFAULT_DETERRENCE.minKm, 0.001, 100) };
  setLogLevel('error');
  const db = await openDatabase(loadConfig());
  try {
    await migrate(db);
    const runs: ModelRun[] = [];
    if (values.level !== 'township') runs.push(await countyModel(db, f));
    if (values.level !== 'county') runs.push(await townshipModel(db, f));
    if (runs.every((r) => !r.summary.length)) throw new ConfigError('no Wenzhou units in the database: start the server once (npm start) or import them first');
    // With --json, stdout carries the JSON alone (`… --json > model.json` must parse); the rest goes to stderr.
    const say = values.json ? console.error : console.log;
    if (values.json) console.log(JSON.stringify(runs.map((r) => ({ level: r.level, source: r.sourceId, summary: r.summary, flows: r.flows })), null, 1));
    else runs.forEach(print);
    if (values['dry-run']) {
      say('\n(dry run: nothing written)');
      return 0;
    }
    const version = dataVersion(db);
    const written = await db.transaction(async (tx) => {
      let n = 0;
      for (const r of runs) n += await storeModelRun(tx, r, f);
      await version.bump(tx);
      return n;
    });
    say(`\nStored ${written} modelled flows (β = ${f.beta}, minimum distance ${f.minKm} km).`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  // Exit only once stdout is flushed: into a pipe, process.exit cut the --json output at 64 KiB.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err) => {
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(err.message);
      process.exit(2);
    }
    console.error('Failed:', err instanceof Error ? err.message : err);
    process.exit(3);
  },
);
