// `npm run import -- generalise [--region <code6>]`: rebuild the generalised tile shapes of a region (its
// units and their neighbours), or of the whole country one province at a time, after imports that
// deferred it (--defer-generalise). Each province is its own transaction, so a national rebuild holds one
// province's topology in memory at a time and shows its progress as it goes.
import type { Database } from '../db/database.ts';
import { dataVersion } from '../db/data-version.ts';
import { namedQuery } from '../db/sql-files.ts';
import { GENERALISED_LEVELS, regeneralise } from '../tiles/generalise.ts';
import { ImportError } from './import-error.ts';
import { CODE_PREFIX } from './levels.ts';
import { levelOfCode, normaliseCode } from './nbs-code.ts';
import type { Progress } from './progress.ts';

export interface GeneraliseReport {
  region: string | null;
  parts: { region: string; rebuilt: number; context: number; seconds: number }[];
  durationMs: number;
  dataVersion: number | null;
}

/** The statement timeout for one part: a province's counties and townships take minutes, not hours. */
const PART_STATEMENT_TIMEOUT = '30min';

/** Codes grouped by province (their first two digits), in code order. */
export function byProvince(codes: readonly string[]): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  for (const code of [...codes].sort()) {
    const key = code.slice(0, 2);
    (parts.get(key) ?? parts.set(key, []).get(key)!).push(code);
  }
  return parts;
}

export async function generaliseRegion(db: Database, o: { region?: string; progress: Progress }): Promise<GeneraliseReport> {
  const started = Date.now();
  let prefix = '';
  if (o.region !== undefined) {
    const code = /^\d{6}$/.test(o.region) ? normaliseCode(o.region) : null;
    if (!code) throw new ImportError(`--region must be a six-digit province, prefecture or county code, got ${o.region.slice(0, 20)}`);
    const level = levelOfCode(code);
    prefix = code.slice(0, CODE_PREFIX[level]);
  }
  const rows = await db.query<{ code: string }>(namedQuery('generalise_region_codes'), [[...GENERALISED_LEVELS], prefix]);
  if (!rows.length) throw new ImportError(o.region ? `no unit with a shape lies in region ${o.region}` : 'no unit has a shape yet');
  const parts = prefix ? new Map([[prefix, rows.map((r) => r.code)]]) : byProvince(rows.map((r) => r.code));
  const report: GeneraliseReport = { region: o.region ?? null, parts: [], durationMs: 0, dataVersion: null };
  let i = 0;
  for (const [key, codes] of parts) {
    i++;
    const region = key.padEnd(6, '0');
    o.progress.note(`region ${region} (${i}/${parts.size}): ${codes.length} units with a shape`);
    const t = Date.now();
    const r = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = '${PART_STATEMENT_TIMEOUT}'`);
      const result = await regeneralise(tx, undefined, { around: codes, note: (m) => o.progress.note(`  ${m}`) });
      report.dataVersion = await dataVersion(db).bump(tx, { units: true });
      return result;
    });
    report.parts.push({ region, rebuilt: r.rebuilt, context: r.context, seconds: Math.round((Date.now() - t) / 100) / 10 });
    o.progress.step('generalising', i, parts.size);
  }
  report.durationMs = Date.now() - started;
  return report;
}
