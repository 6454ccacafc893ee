// The rows layout of a cube balance written by the server from the series arrays the database sends
// (balance_rows_arrays_tail.sql), byte for byte what JSON.stringify writes for unitBalance's rows: the national
// county answer is 49,833 rows, which node-postgres turned into 850,000 values and JSON.stringify wrote back
// as 17 MB, twice the time of the statement itself (docs/bench-national.md, session 5).
//
// Each row is a fixed template: the unit's part (code and names; population, year and source) and the
// series' part (factor, basis, unit) are written once as text, and only the figures are written per row.
// The text is kept as "binary" one-byte strings (UTF-8 bytes, one per char), so each row is a one-byte string
// copied into the answer's buffer as it is made rather than a two-byte string to encode.

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

const ZERO = 48;
const MINUS = 45;
const PLAIN = /^-?\d+(?:\.\d+)?$/;

/**
 * A number as node-postgres gives it (Number of the numeric text), written as JSON.stringify writes it. Most
 * numeric texts already are that text once their trailing zeros go: a decimal of at most 15 significant digits
 * reads back from a double unchanged (DBL_DIG), so no shorter text names the same double, and JavaScript writes
 * it without an exponent from 1e-6 up to 1e21. Anything else takes the round trip.
 */
export function figure(token: string): string {
  if (token === 'null') return token;
  // numeric's text has no exponent; "NaN" and "Infinity" come quoted by json_agg.
  if (!PLAIN.test(token)) return written(token.charCodeAt(0) === 34 ? JSON.parse(token) : token);
  const dot = token.indexOf('.');
  let end = token.length;
  if (dot >= 0) {
    while (token.charCodeAt(end - 1) === ZERO) end--;
    if (end - 1 === dot) end--;
  }
  const text = end === token.length ? token : token.slice(0, end);
  const sign = text.charCodeAt(0) === MINUS ? 1 : 0;
  let digits: number;
  if (text.charCodeAt(sign) === ZERO) {
    if (text.length === sign + 1) return '0'; // 0, or -0, which JSON.stringify writes as 0
    let first = sign + 2; // after "0."
    while (text.charCodeAt(first) === ZERO) first++;
    if (first - (sign + 2) > 5) return written(token); // under 1e-6: an exponent
    digits = end - first;
  } else {
    const whole = (dot >= 0 && dot < end ? dot : end) - sign;
    if (whole > 21) return written(token);
    digits = end - sign - (dot >= 0 && dot < end ? 1 : 0);
  }
  return digits <= 15 ? text : written(token);
}

function written(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? String(n) : 'null';
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
  // About 350 bytes a row nationally; the writer grows if names are longer.
  const out = new ByteWriter(series.reduce((n, s) => n + s.codes.length, 0) * 400);
  const cited = new Set<string>();
  let count = 0;
  out.write('[');
  for (const code of all) {
    const u = units.get(code);
    if (!u) throw new Error(`balance arrays: no unit ${code}`);
    if (u.source !== null) cited.add(u.source);
    for (const s of series) {
      const i = s.at;
      if (s.codes[i] !== code) continue;
      s.at = i + 1;
      const c = s.columns;
      out.write(
        (count++ ? ',' : '') + u.head + s.key + c[0]![i] + ',"outflow":' + c[1]![i] + ',"net":' + c[2]![i] + ',"internal":' + c[3]![i] +
          ',"inflow_count":' + c[4]![i] + ',"outflow_count":' + c[5]![i] + ',"internal_count":' + c[6]![i] + u.tail + c[7]![i] + '}',
      );
    }
  }
  out.write(']');
  // Each series' codes come in code order (the tail's sort); anything else would have left rows behind here.
  for (const s of series) if (s.at !== s.codes.length) throw new Error('balance arrays: a series is not in code order');
  return { rows: out.bytes(), count, sources: [...cited] };
}

/**
 * One-byte strings written row by row into one buffer: joining 50,000 row strings into one 17 MB string and
 * encoding it took 90–190 ms at load 11–13, writing each row as it is made 10–40 ms (bench/national, session 5).
 */
class ByteWriter {
  private buf: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 1024));
  }

  write(s: string): void {
    if (this.at + s.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + s.length));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(s, this.at, 'latin1');
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
