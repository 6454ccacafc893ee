// The 2016 NBS township list (Vonng/adcode towns-2016.csv, GCJ-02 seats) as a GeoJSON FeatureCollection
// that the project's file importer reads like any user's file. Each township is hung under the finest unit
// of its code that the DataV outlines hold: its 2016 county, or, where that county has since been merged
// or renamed (the outlines are of 2020), its prefecture, else its province. The code range rule of the
// units table holds either way, because the parent's code is a prefix of the township's.
import { parse } from 'csv-parse/sync';

export interface SeatsGeoJson {
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  townships: number;
  withSeat: number;
  /** How many townships hang under each kind of parent. */
  parents: { county: number; prefecture: number; province: number; none: number };
  /** Rows left out because their code is not a township code (NNNNNNNNN000), with the reason. */
  skipped: string[];
}

/** held: the 12-digit codes of the provinces, prefectures and counties already imported. */
export function townSeatsGeoJson(csvText: string, held: ReadonlySet<string>): SeatsGeoJson {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  const parents = { county: 0, prefecture: 0, province: 0, none: 0 };
  const features: unknown[] = [];
  const skipped: string[] = [];
  let withSeat = 0;
  for (const r of rows) {
    if (r.level !== 'town') continue;
    const code = r.code ?? '';
    // The list has one row whose code reads as a village's (653130103001); the importer would refuse it.
    if (!/^\d{9}000$/.test(code)) {
      skipped.push(`${code} ${r.name ?? ''}: not a township code`);
      continue;
    }
    const candidates = [
      ['county', code.slice(0, 6) + '000000'],
      ['prefecture', code.slice(0, 4) + '00000000'],
      ['province', code.slice(0, 2) + '0000000000'],
    ] as const;
    const parent = candidates.find(([, c]) => held.has(c));
    if (!parent) {
      parents.none++;
      continue;
    }
    parents[parent[0]]++;
    const lon = Number(r.longitude);
    const lat = Number(r.latitude);
    const hasSeat = r.longitude !== '' && r.latitude !== '' && Number.isFinite(lon) && Number.isFinite(lat);
    if (hasSeat) withSeat++;
    features.push({
      type: 'Feature',
      properties: { code, name: r.name, parent_code: parent[1] },
      geometry: hasSeat ? { type: 'Point', coordinates: [lon, lat] } : null,
    });
  }
  return { geojson: { type: 'FeatureCollection', features }, townships: features.length, withSeat, parents, skipped };
}
