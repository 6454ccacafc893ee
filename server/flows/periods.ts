// Periods are a year ("2020"), a span of years ("2018/2020") or a span of dates
// ("2023-01-01/2023-06-30"). Anything else is rejected with a reason a person can act on.
export interface Period {
  start: string;
  end: string;
}

const YEAR = /^\d{4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

function yearOk(y: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

/** A real calendar date within the accepted years, or undefined. */
export function parseDate(s: string): string | undefined {
  if (!DATE.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return undefined;
  return yearOk(d.getUTCFullYear()) ? s : undefined;
}

export function parseYear(s: string): number | undefined {
  if (!YEAR.test(s)) return undefined;
  const y = Number(s);
  return yearOk(y) ? y : undefined;
}

export function parsePeriod(raw: string): Period | { error: string } {
  const s = raw.trim();
  const bad = {
    error: `period "${s.slice(0, 40)}" is not a year: use YYYY, YYYY/YYYY or YYYY-MM-DD/YYYY-MM-DD (years ${MIN_YEAR}–${MAX_YEAR})`,
  };
  const parts = s.split('/');
  if (parts.length === 1) {
    const y = parseYear(parts[0]!);
    return y === undefined ? bad : { start: `${y}-01-01`, end: `${y}-12-31` };
  }
  if (parts.length !== 2) return bad;
  const [a, b] = parts as [string, string];
  let p: Period | undefined;
  if (YEAR.test(a) && YEAR.test(b)) {
    const ya = parseYear(a);
    const yb = parseYear(b);
    if (ya !== undefined && yb !== undefined) p = { start: `${ya}-01-01`, end: `${yb}-12-31` };
  } else {
    const da = parseDate(a);
    const db = parseDate(b);
    if (da && db) p = { start: da, end: db };
  }
  if (!p) return bad;
  if (p.end < p.start) return { error: `period "${s}" ends before it starts` };
  return p;
}

/** The compact label a period is shown and exported with; parsePeriod(label) gives it back. */
export function periodLabel(start: string, end: string): string {
  const ys = start.slice(0, 4);
  const ye = end.slice(0, 4);
  if (start.endsWith('-01-01') && end.endsWith('-12-31')) return ys === ye ? ys : `${ys}/${ye}`;
  return `${start}/${end}`;
}
