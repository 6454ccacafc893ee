// The modelled labour layer: gravity models of where the 2020 census's internal migrants came from,
// at county and at township level. Results are stored as flows with basis 'modelled' under a source row
// that names the model, its parameters and its inputs. docs/model.md explains every choice.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../config.ts';
import type { Queryable } from '../db/database.ts';
import { flowKind } from '../flows/flow-records.ts';
import { insertRows } from '../flows/record-store.ts';
import { type Deterrence, type ModelFlow, destinationConstrained, totalConstrained } from './gravity-model.ts';

export const MODEL_INPUTS = path.join(repoRoot, 'geodata', 'wenzhou', 'model', 'zhejiang-counties-2020.csv');
export const COUNTY_MODEL_SOURCE = 'model.gravity-labour-county.v1';
export const TOWNSHIP_MODEL_SOURCE = 'model.gravity-labour-township.v1';
export const DEFAULT_DETERRENCE: Deterrence = { beta: 2, minKm: 1 };
/** Modelled flows below one person are not stored. */
const MIN_PERSONS = 1;

interface CountyInput {
  code: string;
  name_zh: string;
  population: number;
  urban_share: number;
  hukou_other_county_share: number;
  hukou_other_township_share: number;
  lon: number;
  lat: number;
}

export function readCountyInputs(file = MODEL_INPUTS): CountyInput[] {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows.map((r) => ({
    code: r.code!.padEnd(12, '0'),
    name_zh: r.name_zh!,
    population: Number(r.population),
    urban_share: Number(r.urban_share),
    hukou_other_county_share: Number(r.hukou_other_county_share),
    hukou_other_township_share: Number(r.hukou_other_township_share),
    lon: Number(r.lon),
    lat: Number(r.lat),
  }));
}

export interface ModelRun {
  level: 'county' | 'township';
  sourceId: string;
  flows: ModelFlow[];
  /** Per destination county: its census total and the part given to origins stored here. */
  summary: { code: string; name_zh: string; total: number; stored: number; note?: string }[];
  notes: string[];
}

/**
 * County level: each county's residents registered in another county of the province (census) are
 * shared among every county of Zhejiang by rural population and distance; flows from counties held in
 * the database are kept.
 */
export async function countyModel(db: Queryable, f: Deterrence = DEFAULT_DETERRENCE, inputs = readCountyInputs()): Promise<ModelRun> {
  const held = new Set((await db.query<{ code: string }>("SELECT code FROM units WHERE level = 'county'")).map((r) => r.code));
  const origins = inputs.map((c) => ({ code: c.code, lon: c.lon, lat: c.lat, mass: c.population * (1 - c.urban_share) }));
  const destinations = inputs
    .filter((c) => held.has(c.code))
    .map((c) => ({ code: c.code, lon: c.lon, lat: c.lat, total: c.population * c.hukou_other_county_share }));
  const all = destinationConstrained(origins, destinations, f);
  const flows = all.filter((x) => held.has(x.origin)).map((x) => ({ ...x, value: Math.round(x.value) })).filter((x) => x.value >= MIN_PERSONS);
  const name = new Map(inputs.map((c) => [c.code, c.name_zh]));
  const summary = destinations.map((d) => ({
    code: d.code,
    name_zh: name.get(d.code)!,
    total: Math.round(d.total),
    stored: flows.filter((x) => x.dest === d.code).reduce((s, x) => s + x.value, 0),
  }));
  return {
    level: 'county',
    sourceId: COUNTY_MODEL_SOURCE,
    flows,
    summary,
    notes: [`${origins.length} candidate origin counties in Zhejiang; ${destinations.length} destination counties held in the database`],
  };
}

interface TownshipMass {
  code: string;
  county: string;
  lon: number | null;
  lat: number | null;
  villages: number;
  communities: number;
}

/**
 * Township level, inside each county: the county's residents registered in another township of the same
 * county (census) are shared among township pairs by village committees at the origin, community
 * committees at the destination, and distance between seats.
 */
export async function townshipModel(db: Queryable, f: Deterrence = DEFAULT_DETERRENCE, inputs = readCountyInputs()): Promise<ModelRun> {
  const masses = await db.query<TownshipMass>(
    `SELECT t.code, t.parent_code AS county, ST_X(t.point) AS lon, ST_Y(t.point) AS lat,
            count(v.code) FILTER (WHERE v.name_zh ~ '村委会$')::int AS villages,
            count(v.code) FILTER (WHERE v.name_zh ~ '(社区|居委会)$')::int AS communities
     FROM units t
     LEFT JOIN units v ON v.parent_code = t.code AND v.level = 'village'
     JOIN units c ON c.code = t.parent_code AND c.level = 'county'
     WHERE t.level = 'township'
     GROUP BY t.code, t.parent_code, t.point
     ORDER BY t.code`,
  );
  const byCounty = new Map<string, TownshipMass[]>();
  for (const m of masses) byCounty.set(m.county, [...(byCounty.get(m.county) ?? []), m]);
  const flows: ModelFlow[] = [];
  const summary: ModelRun['summary'] = [];
  const notes: string[] = [];
  for (const c of inputs) {
    const townships = byCounty.get(c.code);
    if (!townships) continue;
    const placed = townships.filter((t) => t.lon !== null && t.lat !== null);
    const unplaced = townships.length - placed.length;
    const total = c.population * c.hukou_other_township_share;
    const run = totalConstrained(
      placed.map((t) => ({ code: t.code, lon: t.lon!, lat: t.lat!, out: t.villages, in: t.communities })),
      total,
      f,
    );
    const kept = run.map((x) => ({ ...x, value: Math.round(x.value) })).filter((x) => x.value >= MIN_PERSONS);
    flows.push(...kept);
    summary.push({
      code: c.code,
      name_zh: c.name_zh,
      total: Math.round(total),
      stored: kept.reduce((s, x) => s + x.value, 0),
      note: `${placed.length} of ${townships.length} townships have a seat point${unplaced ? `; ${unplaced} without one are left out` : ''}`,
    });
  }
  if (!summary.length) notes.push('no townships with seats under the modelled counties: nothing to model');
  return { level: 'township', sourceId: TOWNSHIP_MODEL_SOURCE, flows, summary, notes };
}

function sourceRow(run: ModelRun, f: Deterrence) {
  const common = `Distance decay f(d) = max(d, ${f.minKm} km)^−${f.beta}, great-circle distance between seats. Flows under ${MIN_PERSONS} person are dropped; values are rounded to whole persons. Estimates of a stock (residents on 2020-11-01 registered elsewhere), not measured movements. Formula and caveats: docs/model.md. Reproduce with: npm run model -- run --level ${run.level} --beta ${f.beta} --min-km ${f.minKm}.`;
  return run.level === 'county'
    ? {
        id: COUNTY_MODEL_SOURCE,
        title: `Modelled labour migration between counties: destination-constrained gravity model (β = ${f.beta})`,
        notes: `T_ij = D_j · O_i f(d_ij) / Σ_k O_k f(d_kj), over all county-level units of Zhejiang as origins. D_j = 2020 census residents of county j registered in another county of the province (POPU × POPU_REG_P); O_i = rural residents of county i (POPU × (1 − POPU_URB)). Seats from DataV county outlines (GCJ-02 converted to WGS-84). Inputs: geodata/wenzhou/model/zhejiang-counties-2020.csv, derived from the 2020 census by county (source census-2020-county). ${common}`,
      }
    : {
        id: TOWNSHIP_MODEL_SOURCE,
        title: `Modelled labour migration between townships within each county: total-constrained gravity model (β = ${f.beta})`,
        notes: `T_ij = M_c · O_i D_j f(d_ij) / Σ_a≠b O_a D_b f(d_ab) within county c. M_c = 2020 census residents of county c registered in another township of the same county (POPU × POPU_REG_C); O_i = number of village committees (村委会) in township i, D_j = number of community committees (社区/居委会) in township j, from the NBS 2023 codes: proxies, as no township population is published openly. Seats: township seat points held in the database (2016 adcode seats). ${common}`,
      };
}

/** Replaces the stored results of this model with a new run, in the caller's transaction. */
export async function storeModelRun(tx: Queryable, run: ModelRun, f: Deterrence): Promise<number> {
  const s = sourceRow(run, f);
  await tx.query(
    `INSERT INTO sources (id, title, publisher, url, licence, retrieved, vintage, notes)
     VALUES ($1, $2, 'Chengxiang Atlas (this project)', NULL, 'MIT (model code); inputs as their sources state', current_date, '2020 census inputs', $3)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, notes = EXCLUDED.notes, retrieved = EXCLUDED.retrieved`,
    [s.id, s.title, s.notes],
  );
  await tx.query('DELETE FROM flows WHERE source_id = $1', [s.id]);
  const rows = run.flows.map((x, i) => ({
    row: i + 1,
    raw: {
      origin: x.origin,
      dest: x.dest,
      factor: 'labour',
      period: '2020',
      magnitude: x.value,
      magnitude_unit: 'persons',
      basis: 'modelled',
      mechanism: 'labour_migration',
      source_id: s.id,
      note: null,
    },
  }));
  return (await insertRows(tx, flowKind, rows)).length;
}
