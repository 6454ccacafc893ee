// Derives the small committed tables of geodata/wenzhou/ from the read-only data mirror: figures with
// their citations, never copies of mirror files. Run by `npm run flows -- derive`; the seed then reads
// only the committed tables, so the demo needs no mirror.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createRequire } from 'node:module';

// gcoord is CommonJS and sets module.exports to its API (its types describe a default export).
const gcoord = createRequire(import.meta.url)('gcoord') as typeof import('gcoord').default;

export const DEMO_DIR = 'geodata/wenzhou';

/** Partner counties outside Wenzhou that the demo's alliances and flows name. */
export const PARTNER_COUNTIES = ['513230', '513222'];

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Row[];

function csvLine(values: (string | number | null)[]): string {
  return values
    .map((v) => {
      const s = v === null ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** county-stats-sourced.csv names its sources in prose; these are the sources rows they become. */
function statsSource(text: string, previous: string): string {
  if (text === 'same') return previous;
  if (text.startsWith('tudigong')) return 'census-2020-county';
  if (text.includes('wztjj.wenzhou.gov.cn/art/2022/3/1')) return 'wenzhou-stats-2021';
  if (text.includes('hbzqbyyxgs.com')) return 'wenzhou-stats-2023-mirror';
  if (text.includes('sjzyihang.com')) return 'taishun-bulletin-2023-mirror';
  if (text.includes('m.ilynn.cn')) return 'pingyang-bulletin-2023-mirror';
  throw new Error(`county-stats-sourced.csv: no source id for "${text.slice(0, 80)}"`);
}

const STATS_INDICATORS: Record<string, { indicator: string; unit: string; note?: string }> = {
  resident_pop_yearend: { indicator: 'population_resident', unit: 'persons_10k', note: 'year-end resident population' },
  urbanisation_rate: { indicator: 'urbanisation_rate', unit: 'percent' },
  gdp: { indicator: 'gdp', unit: 'cny_100m' },
  gdp_final: { indicator: 'gdp', unit: 'cny_100m', note: 'final verified figure, published in the following year' },
  registered_pop: { indicator: 'population_registered', unit: 'persons_10k' },
  gdp_per_capita: { indicator: 'gdp_per_capita', unit: 'cny' },
};

export interface DeriveReport {
  files: string[];
  indicatorRows: number;
  skipped: string[];
  modelCounties: number;
}

export function deriveDemoTables(geodataDir: string, outDir: string): DeriveReport {
  const census = readCsv(path.join(geodataDir, 'china', 'census', 'population.csv'));
  const byCode = new Map(census.map((r) => [r.CODE!, r]));
  const stats = readCsv(path.join(geodataDir, 'wenzhou', 'county-stats-sourced.csv'));
  const datavCounty = (code: string) => path.join(geodataDir, 'china', 'datav', 'county', `${code}.json`);
  const skipped: string[] = [];

  // Which Wenzhou units exist in NBS 2023 (330371, a development zone with census figures, does not).
  const wenzhou = [...new Set(stats.map((r) => r.adcode!))].filter((c) => fs.existsSync(datavCounty(c)));
  for (const c of new Set(stats.map((r) => r.adcode!))) if (!wenzhou.includes(c)) skipped.push(`${c}: not a county in the NBS 2023 codes; its figures are left out`);

  const out: string[] = [csvLine(['unit_code', 'year', 'indicator', 'value', 'unit', 'basis', 'source_id', 'note'])];
  const pct = (share: string) => Number((Number(share) * 100).toFixed(2));
  for (const code of [...wenzhou, ...PARTNER_COUNTIES]) {
    const c = byCode.get(code);
    if (!c) throw new Error(`census has no row for ${code}`);
    out.push(csvLine([code, 2020, 'population_resident', Number(c.POPU), 'persons', 'observed', 'census-2020-county', '2020 census resident population (POPU)']));
    out.push(csvLine([code, 2020, 'urbanisation_rate', pct(c.POPU_URB!), 'percent', 'observed', 'census-2020-county', '2020 census urban share (POPU_URB)']));
    out.push(csvLine([code, 2020, 'hukou_other_township_share', pct(c.POPU_REG_C!), 'percent', 'observed', 'census-2020-county', 'POPU_REG_C']));
    out.push(csvLine([code, 2020, 'hukou_other_county_share', pct(c.POPU_REG_P!), 'percent', 'observed', 'census-2020-county', 'POPU_REG_P']));
    out.push(csvLine([code, 2020, 'hukou_other_province_share', pct(c.POPU_REG_O!), 'percent', 'observed', 'census-2020-county', 'POPU_REG_O']));
  }
  let previous = '';
  for (const r of stats) {
    const source = statsSource(r.source!, previous);
    previous = source;
    if (!wenzhou.includes(r.adcode!)) continue;
    if (source === 'census-2020-county') {
      // The census rows repeat the census file; check they agree instead of storing them twice.
      const c = byCode.get(r.adcode!)!;
      const expected = r.indicator === 'resident_pop_census' ? Number(c.POPU) : pct(c.POPU_URB!);
      if (Math.abs(expected - Number(r.value)) > 0.01) throw new Error(`${r.adcode} ${r.indicator}: county-stats ${r.value} ≠ census ${expected}`);
      continue;
    }
    const m = STATS_INDICATORS[r.indicator!];
    if (!m) throw new Error(`county-stats-sourced.csv: unknown indicator ${r.indicator}`);
    const note = [m.note, r.unit?.includes('#') ? r.unit.slice(r.unit.indexOf('#')).replace('#', '').trim() : null].filter(Boolean).join('; ');
    out.push(csvLine([r.adcode!, Number(r.year), m.indicator, Number(r.value), m.unit, 'observed', source, note || null]));
  }
  fs.mkdirSync(path.join(outDir, 'model'), { recursive: true });
  const indicatorsFile = path.join(outDir, 'indicators.csv');
  fs.writeFileSync(indicatorsFile, out.join('\n') + '\n');

  // Model inputs: every county-level unit of Zhejiang with census figures and a DataV seat point.
  const seat = (code: string): [number, number] => {
    const json = JSON.parse(fs.readFileSync(datavCounty(code), 'utf8')) as { features?: { properties: { center: [number, number] } }[]; properties?: { center: [number, number] } };
    const props = json.features?.[0]?.properties ?? json.properties!;
    const [lon, lat] = gcoord.transform(props.center, gcoord.GCJ02, gcoord.WGS84) as [number, number];
    return [Number(lon.toFixed(5)), Number(lat.toFixed(5))];
  };
  const model: string[] = [csvLine(['code', 'name_zh', 'population', 'urban_share', 'hukou_other_county_share', 'hukou_other_township_share', 'lon', 'lat'])];
  let modelCounties = 0;
  for (const c of census.filter((r) => r.CODE!.startsWith('33'))) {
    if (!fs.existsSync(datavCounty(c.CODE!))) {
      skipped.push(`${c.CODE} ${c.NAME}: no DataV outline, so no seat point; left out of the model's origins`);
      continue;
    }
    const [lon, lat] = seat(c.CODE!);
    model.push(csvLine([c.CODE!, c.NAME!, Number(c.POPU), Number(c.POPU_URB), Number(c.POPU_REG_P), Number(c.POPU_REG_C), lon, lat]));
    modelCounties++;
  }
  const modelFile = path.join(outDir, 'model', 'zhejiang-counties-2020.csv');
  fs.writeFileSync(modelFile, model.join('\n') + '\n');

  const partners: string[] = [csvLine(['code', 'parent_code', 'level', 'name_zh', 'lon', 'lat'])];
  partners.push(csvLine(['510000', '', 'province', '四川省', null, null]));
  partners.push(csvLine(['513200', '510000', 'prefecture', '阿坝藏族羌族自治州', null, null]));
  for (const code of PARTNER_COUNTIES) {
    const [lon, lat] = seat(code);
    partners.push(csvLine([code, '513200', 'county', byCode.get(code)!.NAME!, lon, lat]));
  }
  const partnersFile = path.join(outDir, 'partner-units.csv');
  fs.writeFileSync(partnersFile, partners.join('\n') + '\n');
  return { files: [indicatorsFile, modelFile, partnersFile], indicatorRows: out.length - 1, skipped, modelCounties };
}
