// `npm run import -- …`: load a region of China from the public sources, or units from a GeoJSON file or a
// DataV folder. Progress goes to stderr, the summary to stdout. Exit codes: 0 done, 1 the input was
// rejected (nothing written), 2 bad options or configuration, 3 an unexpected failure.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, describeConfig, loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { setLogLevel } from '../log.ts';
import { importFile } from '../geodata/file-import.ts';
import { generaliseRegion } from '../geodata/generalise-region.ts';
import { ImportError } from '../geodata/import-error.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../geodata/import-limits.ts';
import { isLevel } from '../geodata/levels.ts';
import { silentProgress, streamProgress } from '../geodata/progress.ts';
import { n, printRegion, printSummary } from '../geodata/import-report.ts';
import { importRegion } from '../geodata/region-import.ts';
import { parseCrs } from '../geodata/source-crs.ts';
import { loadManifest, mergeManifests } from '../geodata/source-manifest.ts';
import type { PointBasis } from '../geodata/unit-stage.ts';

const USAGE = `Usage:
  npm run import -- --region <code6>                 a province, prefecture or county, e.g. 330300 (Wenzhou)
  npm run import -- --geojson <file> --source <id>   units from a GeoJSON file
  npm run import -- --datav <folder> --source <id>   units from a folder of DataV files (<code>.json)
  npm run import -- generalise [--region <code6>]    rebuild the generalised tile shapes of a region and its
                                                     neighbours (without --region: the whole country, one
                                                     province at a time)

Options:
  --crs wgs84|cgcs2000|gcj02|EPSG:<n>   the input's coordinate system (default: the source's recorded CRS;
                                        gcj02 for --datav)
  --level province|prefecture|county|township|village   the level of every feature (default: from the code)
  --code-prop, --name-prop, --parent-prop, --name-en-prop <property>   where the file keeps them
                                        (defaults: code|adcode, name_zh|name, parent_code|parent, name_en)
  --quality surveyed|approximate        how good the file's outlines are (default surveyed)
  --point-basis seat|centroid           what point features are (required if the file has any)
  --vintage <text>                      the data's date (default: the source's vintage)
  --source <id>                         a source from geodata/sources.json or --sources (required for files)
  --sources <manifest.json>             more sources, in the format of geodata/sources.json
  --repair                              make invalid outlines valid with ST_MakeValid and list them
                                        (--region repairs by default; --no-repair stops instead)
  --max-file-mb <n>                     refuse larger files (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})
  --defer-generalise                    do not rebuild the generalised tile shapes now; the summary says
                                        which \`generalise\` command to run later (new units are not drawn
                                        in polygon tiles until then)
  --json                                print the summary as JSON
  --quiet                               no progress on stderr

Environment: DATABASE_URL (none: the embedded database in PGLITE_DIR), GEODATA_DIR (the mirror),
ALLOW_DOWNLOAD (fetch files missing from the mirror).`;

class UsageError extends Error {}


/** `generalise [--region <code6>] [--json] [--quiet]` */
function parseGeneralise(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { region: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.region !== undefined && !/^\d{6}$/.test(values.region)) throw new UsageError('--region must be a six-digit code');
  return values;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      region: { type: 'string' },
      geojson: { type: 'string' },
      datav: { type: 'string' },
      crs: { type: 'string' },
      level: { type: 'string' },
      'code-prop': { type: 'string' },
      'name-prop': { type: 'string' },
      'parent-prop': { type: 'string' },
      'name-en-prop': { type: 'string' },
      quality: { type: 'string' },
      'point-basis': { type: 'string' },
      vintage: { type: 'string' },
      source: { type: 'string' },
      sources: { type: 'string' },
      repair: { type: 'boolean' },
      'no-repair': { type: 'boolean' },
      'max-file-mb': { type: 'string' },
      'defer-generalise': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const modes = (['region', 'geojson', 'datav'] as const).filter((m) => values[m] !== undefined);
  if (values.help) return { help: true as const, values, mode: undefined };
  if (modes.length !== 1) throw new UsageError('give exactly one of --region, --geojson or --datav');
  if (values.level !== undefined && !isLevel(values.level)) throw new UsageError(`--level must be province, prefecture, county, township or village`);
  if (values.quality !== undefined && values.quality !== 'surveyed' && values.quality !== 'approximate') {
    throw new UsageError('--quality must be surveyed or approximate');
  }
  if (values['point-basis'] !== undefined && !['seat', 'centroid'].includes(values['point-basis'])) {
    throw new UsageError('--point-basis must be seat or centroid');
  }
  if (values['max-file-mb'] !== undefined && !/^\d{1,6}$/.test(values['max-file-mb'])) throw new UsageError('--max-file-mb must be a whole number');
  if (modes[0] !== 'region' && !values.source) throw new UsageError(`--${modes[0]} needs --source <id>: every unit must name where it came from`);
  return { help: false as const, values, mode: modes[0]! };
}

/**
 * Parses the arguments and loads the config. Asking for help prints the usage (exit code 0); a usage or
 * config mistake prints the reason and the usage to stderr (exit code 2). Otherwise the parsed arguments,
 * never the help variant, and the config.
 */
function parseOrExit<T>(parseArgs: () => T, wantsHelp: (args: T) => boolean): { args: Exclude<T, { help: true }>; config: ReturnType<typeof loadConfig> } | number {
  try {
    const args = parseArgs();
    if (wantsHelp(args)) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    return { args: args as Exclude<T, { help: true }>, config: loadConfig() };
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`import: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'generalise') return generaliseCommand(argv.slice(1));
  const loaded = parseOrExit(() => parse(argv), (a) => a.help);
  if (typeof loaded === 'number') return loaded;
  const { args, config } = loaded;
  const v = args.values;
  setLogLevel(config.logLevel === 'debug' ? 'debug' : 'error');
  const progress = v.quiet ? silentProgress : streamProgress(process.stderr);
  const maxFileBytes = v['max-file-mb'] ? Number(v['max-file-mb']) * 1024 * 1024 : DEFAULT_MAX_FILE_BYTES;
  const db = await openDatabase(config);
  try {
    progress.note(`database: ${String(describeConfig(config).database)}`);
    await migrate(db);
    const manifest = mergeManifests(loadManifest(), ...(v.sources ? [loadManifest(path.resolve(v.sources))] : []));
    if (args.mode === 'region') {
      const report = await importRegion(db, {
        region: v.region!,
        access: { geodataDir: config.geodataDir, allowDownload: config.allowDownload, maxFileBytes },
        manifest,
        progress,
        repair: !v['no-repair'],
        deferGeneralise: Boolean(v['defer-generalise']),
      });
      if (v.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        printSummary(report, process.stdout);
        printRegion(report, process.stdout);
      }
    } else {
      const report = await importFile(db, {
        format: args.mode,
        path: path.resolve(args.mode === 'geojson' ? v.geojson! : v.datav!),
        sourceId: v.source!,
        crs: v.crs ? parseCrs(v.crs) : undefined,
        level: v.level as never,
        props: { code: v['code-prop'], name: v['name-prop'], parent: v['parent-prop'], nameEn: v['name-en-prop'] },
        quality: (v.quality ?? 'surveyed') as 'surveyed' | 'approximate',
        pointBasis: v['point-basis'] as PointBasis | undefined,
        vintage: v.vintage,
        maxFileBytes,
        manifest,
        progress,
        repair: Boolean(v.repair),
        deferGeneralise: Boolean(v['defer-generalise']),
      });
      if (v.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else printSummary(report, process.stdout);
    }
    return 0;
  } catch (err) {
    return failure(err, config.logLevel === 'debug');
  } finally {
    await db.close();
  }
}

/** Reports a failure the way every import command does: exit code 1 for rejected input, 3 for the unexpected. */
function failure(err: unknown, debug: boolean): number {
  if (err instanceof ImportError) {
    process.stderr.write(`import failed: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`import failed unexpectedly: ${(err as Error).message}\n(run with LOG_LEVEL=debug for the stack trace)\n`);
  if (debug) process.stderr.write(`${(err as Error).stack}\n`);
  return 3;
}

async function generaliseCommand(argv: string[]): Promise<number> {
  const loaded = parseOrExit(() => parseGeneralise(argv), (v) => !!v.help);
  if (typeof loaded === 'number') return loaded;
  const { args: values, config } = loaded;
  setLogLevel(config.logLevel === 'debug' ? 'debug' : 'error');
  const progress = values.quiet ? silentProgress : streamProgress(process.stderr);
  const db = await openDatabase(config);
  try {
    progress.note(`database: ${String(describeConfig(config).database)}`);
    await migrate(db);
    const r = await generaliseRegion(db, { region: values.region, progress });
    if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else {
      const rebuilt = r.parts.reduce((a, p) => a + p.rebuilt, 0);
      process.stdout.write(
        `Generalised ${r.region ? `region ${r.region}` : 'the whole country'} in ${(r.durationMs / 1000).toFixed(1)} s: ` +
          `${r.parts.length} part${r.parts.length === 1 ? '' : 's'}, ${n(rebuilt)} unit shapes written` +
          ` (neighbours of a part are written with it)\n  data version is now ${r.dataVersion}\n`,
      );
    }
    return 0;
  } catch (err) {
    return failure(err, config.logLevel === 'debug');
  } finally {
    await db.close();
  }
}

// `npm run import … | head` closes stdout early; that is the reader's choice, not a failure to report.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});
// A ConfigError from opening the database (the embedded one in use by another process) is exit code 2.
process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`import: ${err.message}\n`);
  return 2;
});
