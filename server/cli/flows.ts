// `npm run flows -- …`: load flows, alliances or indicators from a CSV or GeoJSON file with the same
// validation as the HTTP bulk upload (all or nothing), or rebuild the demo's derived tables.
// Exit codes: 0 done, 1 the input was rejected (nothing written), 2 bad options or configuration.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, repoRoot } from '../config.ts';
import { dataVersion } from '../db/data-version.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { setLogLevel } from '../log.ts';
import { allianceKind } from '../flows/alliance-records.ts';
import { DEMO_DIR, deriveDemoTables } from '../flows/derive-demo-tables.ts';
import { flowKind } from '../flows/flow-records.ts';
import { indicatorKind } from '../flows/indicator-records.ts';
import type { RecordKind } from '../flows/record-kind.ts';
import { insertRows } from '../flows/record-store.ts';
import { ValidationFailed } from '../flows/row-errors.ts';
import { rowsFromCsv, rowsFromGeoJson } from '../flows/upload-parse.ts';

const USAGE = `Usage:
  npm run flows -- import <file.csv|file.geojson> [--kind flows|alliances|indicators]
      Validates every row (unknown unit code, unknown factor, negative magnitude, a period that is not a
      year, duplicates…) and writes all rows in one transaction, or none. Default kind: flows.
  npm run flows -- derive [--geodata <mirror dir>] [--out <dir>]
      Rebuilds geodata/wenzhou/indicators.csv, partner-units.csv and model/zhejiang-counties-2020.csv
      from the data mirror (default: GEODATA_DIR or ../shared/geodata).

The database is DATABASE_URL, or the embedded engine in PGLITE_DIR when it is unset.
File formats: docs/flows.md.`;

const kinds: Record<string, RecordKind<unknown>> = {
  flows: flowKind as RecordKind<unknown>,
  alliances: allianceKind as RecordKind<unknown>,
  indicators: indicatorKind as RecordKind<unknown>,
};

async function importFile(file: string, kindName: string): Promise<number> {
  const kind = kinds[kindName];
  if (!kind) throw new ConfigError(`--kind must be flows, alliances or indicators, got "${kindName}"`);
  if (!fs.existsSync(file)) throw new ConfigError(`no such file: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  const rows = /\.(geo)?json$/i.test(file) ? rowsFromGeoJson(JSON.parse(text)) : rowsFromCsv(text, kind.fields);
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const version = dataVersion(db);
    const result = await db.transaction(async (tx) => {
      const ids = await insertRows(tx, kind, rows);
      return { ids, version: await version.bump(tx) };
    });
    console.log(`Inserted ${result.ids.length} ${kind.noun}${result.ids.length === 1 ? '' : 's'} from ${path.basename(file)}; data version ${result.version}.`);
    return 0;
  } catch (err) {
    if (err instanceof ValidationFailed) {
      console.error(`${err.message.split('. ')[0]}.`);
      for (const e of err.errors) console.error(`  row ${e.row}${e.line ? ` (line ${e.line})` : ''}${e.field ? ` [${e.field}]` : ''}: ${e.reason}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { kind: { type: 'string', default: 'flows' }, geodata: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  setLogLevel('error');
  if (command === 'import') {
    if (!file) throw new ConfigError('import needs a file');
    return importFile(file, values.kind!);
  }
  if (command === 'derive') {
    const geodata = values.geodata ?? loadConfig().geodataDir;
    const out = values.out ?? path.join(repoRoot, DEMO_DIR);
    const r = deriveDemoTables(geodata, out);
    console.log(`Wrote ${r.files.map((f) => path.relative(process.cwd(), f)).join(', ')}: ${r.indicatorRows} indicator rows, ${r.modelCounties} model counties.`);
    for (const s of r.skipped) console.log(`  skipped ${s}`);
    return 0;
  }
  throw new ConfigError(`unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(err.message);
      process.exit(2);
    }
    console.error('Failed:', err instanceof Error ? err.message : err);
    process.exit(3);
  },
);
