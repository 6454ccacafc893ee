import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, exportFileName, flowsCsv, flowsGeoJson } from '../client/src/data/flow-export.ts';
import { parseFlowData } from '../client/src/data/flow-json.ts';

// The shape GET /api/flows?level=county answers, cut down to the seed's examples.
const data = parseFlowData({
  locations: [
    { id: '330382000000', name_zh: '乐清市', name_en: 'Yuèqīng Shì', lon: 120.96, lat: 28.12 },
    { id: '330329000000', name_zh: '泰顺县', name_en: 'Tàishùn Xiàn', lon: 119.72, lat: 27.56 },
    { id: '330381000000', name_zh: '瑞安市', name_en: null, lon: 120.65, lat: 27.78 },
  ],
  flows: [
    { id: 'yq-ts-land', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'documented', magnitude: null, unit: null, count: 1, period: '2023/2025', mechanisms: ['land_linkage'], sources: ['seed'] },
    { id: 'yq-ts-labour', origin: '330382000000', dest: '330329000000', factor: 'labour', basis: 'modelled', magnitude: 219.5, unit: 'persons', count: 2, period: '2020', mechanisms: [], sources: ['model', 'seed'] },
    { id: 'ra-ts-capital', origin: '330381000000', dest: '330329000000', factor: 'capital', basis: 'observed', magnitude: 2380, unit: 'cny_10k', count: 1, period: '2018', mechanisms: ['a', 'b'], sources: ['evil'] },
  ],
  sources: {
    seed: { title: 'Wenzhou case study, 2024', publisher: 'seed' },
    model: { title: 'Gravity model "v1"', publisher: 'atlas' },
    evil: { title: '=HYPERLINK("http://x","click")', publisher: null },
  },
});

const parseCsvLine = (line: string): string[] => {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cell), (cell = '');
    else cell += c;
  }
  out.push(cell);
  return out;
};

describe('CSV export of the flows drawn', () => {
  const csv = flowsCsv(data.flows, data);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 byte-order mark so Excel reads the Chinese names', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('has a header with basis and source columns, one CRLF row per flow and a final CRLF', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(CSV_COLUMNS).toEqual(expect.arrayContaining(['basis', 'source_ids', 'source_titles', 'magnitude', 'unit']));
    expect(lines).toHaveLength(data.flows.length + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('writes 乐清 → 泰顺 with an empty magnitude when the flow is documented, never 0', () => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parseCsvLine(lines[1]!)[i]]));
    expect(row).toMatchObject({ id: 'yq-ts-land', origin_name_zh: '乐清市', dest_name_zh: '泰顺县', factor: 'land', basis: 'documented', magnitude: '', unit: '', source_titles: 'Wenzhou case study, 2024' });
  });

  it('keeps figures, several sources and quoted titles intact', () => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parseCsvLine(lines[2]!)[i]]));
    expect(row).toMatchObject({ basis: 'modelled', magnitude: '219.5', unit: 'persons', count: '2', source_ids: 'model;seed', source_titles: 'Gravity model "v1"; Wenzhou case study, 2024' });
  });

  it('defuses a source title that a spreadsheet would run as a formula', () => {
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parseCsvLine(lines[3]!)[i]]));
    expect(row.source_titles).toBe(`'=HYPERLINK("http://x","click")`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell(null)).toBe('');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('is just the header for no flows', () => {
    expect(flowsCsv([], data)).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('GeoJSON export of the flows drawn', () => {
  const fc = flowsGeoJson(data.flows, data);

  it('is one straight origin → destination line per flow, in lon/lat order', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(3);
    expect(fc.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[120.96, 28.12], [119.72, 27.56]] });
    expect(fc.features[0]!.id).toBe('yq-ts-land');
  });

  it('carries basis, figure and sources as properties, with null for no figure', () => {
    expect(fc.features[0]!.properties).toMatchObject({ basis: 'documented', magnitude: null, source_ids: 'seed', origin_name_en: 'Yuèqīng Shì' });
    expect(fc.features[2]!.properties).toMatchObject({ basis: 'observed', magnitude: 2380, unit: 'cny_10k', origin_name_en: '' });
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });
});

describe('export file names', () => {
  it('say what and which day', () => {
    const d = new Date('2026-11-25T18:00:00Z');
    expect(exportFileName('flows', 'csv', d)).toBe('atlas-flows-2026-11-25.csv');
    expect(exportFileName('map', 'png', d)).toBe('atlas-map-2026-11-25.png');
  });
});
