// The rows layout of a cube balance written by the server from the series arrays the database sends
// (balance_rows_arrays_tail.sql), byte for byte what JSON.stringify writes for unitBalance's rows: the national
// county answer is 49,833 rows, which node-postgres turned into 850,000 values and JSON.stringify wrote back
// as 17 MB, twice the time of the statement itself (docs/bench-national.md, session 5).
//
// Each row is a fixed template: the unit's part (code and names; population, year and source) and the
// series' part (factor, basis, unit) are written once as text, and only the figures are written per row.
// The text is kept as "binary" one-byte strings (UTF-8 bytes, one per char), so the concatenated rows are a
// one-byte string copied into a Buffer at the end rather than a two-byte string to encode.

/** One row per series of balance_rows_arrays_tail.sql; the arrays are JSON text (json_agg), figures as numeric. */
export interface BalanceArraysRow {
  factor: string;
  basis: string;
  unit: string | null;
  codes: string;
  inflow: string | null;
  outflow: string | null;
  net: string | null;
  internal: string | null;
  inflow_count: string;
  outflow_count: string;
  internal_count: string;
  net_per_resident: string | null;
  /** On the first row only: [code, name_zh, name_en, population, population_year, population_source] per unit of the level. */
  units: string | null;
}

export interface BalanceRowsText {
  /** The JSON array of the rows, as UTF-8. */
  rows: Buffer;
  count: number;
  /** The population sources the rows cite. */
  sources: string[];
}

const binary = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

// A number as node-postgres gives it (Number of the numeric text), written as JSON.stringify writes it.
// Whole numbers of up to 15 digits read and write back unchanged, so they skip the round trip.
const WHOLE = /^-?(?:0|[1-9]\d{0,14})$/;
function figure(token: string): string {
  if (WHOLE.test(token)) return token === '-0' ? '0' : token;
  if (token === 'null') return token;
  return JSON.stringify(Number(token.startsWith('"') ? JSON.parse(token) : token));
}

/** The tokens of a json_agg array of numbers and nulls (written "[a, b, c]"). */
function tokens(text: string | null, n: number): string[] {
  if (text === null) return new Array<string>(n).fill('null');
  const list = text.slice(1, -1).split(', ');
  if (list.length !== n) throw new Error(`balance arrays: ${list.length} figures for ${n} codes`);
  return list.map(figure);
}

interface UnitTemplate {
  head: string;
  tail: string;
  source: string | null;
}

function unitTemplates(units: string): Map<string, UnitTemplate> {
  const out = new Map<string, UnitTemplate>();
  for (const [code, nameZh, nameEn, population, year, source] of JSON.parse(units) as [string, string, string | null, number | string | null, number | null, string | null][]) {
    const pop = population === null ? 'null' : JSON.stringify(Number(population));
    out.set(code, {
      head: binary(`{"code":${JSON.stringify(code)},"name_zh":${JSON.stringify(nameZh)},"name_en":${JSON.stringify(nameEn)},"factor":`),
      tail: binary(`,"population":${pop},"population_year":${JSON.stringify(year)},"population_source":${JSON.stringify(source)},"net_per_resident":`),
      source,
    });
  }
  return out;
}

interface SeriesColumns {
  key: string;
  codes: string[];
  at: number;
  columns: string[][];
}

/**
 * The rows, ordered as balance_tail.sql orders them (code, then factor, basis and unit, which is the order the
 * series arrive in), from the arrays of every series.
 */
export function writeBalanceRows(arrays: BalanceArraysRow[]): BalanceRowsText {
  const units = unitTemplates(arrays[0]?.units ?? '[]');
  const series: SeriesColumns[] = arrays.map((s) => {
    const codes = JSON.parse(s.codes) as string[];
    const n = codes.length;
    return {
      key: binary(`${JSON.stringify(s.factor)},"basis":${JSON.stringify(s.basis)},"unit":${JSON.stringify(s.unit)},"inflow":`),
      codes,
      at: 0,
      columns: [s.inflow, s.outflow, s.net, s.internal, s.inflow_count, s.outflow_count, s.internal_count, s.net_per_resident].map((c) => tokens(c, n)),
    };
  });
  const all = [...new Set(series.flatMap((s) => s.codes))].sort();
  const parts: string[] = [];
  const cited = new Set<string>();
  for (const code of all) {
    const u = units.get(code);
    if (!u) throw new Error(`balance arrays: no unit ${code}`);
    if (u.source !== null) cited.add(u.source);
    for (const s of series) {
      const i = s.at;
      if (s.codes[i] !== code) continue;
      s.at = i + 1;
      const c = s.columns;
      parts.push(
        u.head + s.key + c[0]![i] + ',"outflow":' + c[1]![i] + ',"net":' + c[2]![i] + ',"internal":' + c[3]![i] +
          ',"inflow_count":' + c[4]![i] + ',"outflow_count":' + c[5]![i] + ',"internal_count":' + c[6]![i] + u.tail + c[7]![i] + '}',
      );
    }
  }
  // Each series' codes come in code order (the tail's sort); anything else would have left rows behind here.
  for (const s of series) if (s.at !== s.codes.length) throw new Error('balance arrays: a series is not in code order');
  return { rows: Buffer.from(`[${parts.join(',')}]`, 'latin1'), count: parts.length, sources: [...cited] };
}
