// The OGC `datetime` parameter: an RFC 3339 instant, or an interval "start/end" where either end may be
// open (".." or empty). Parsed at the edge into a closed interval of timestamps that PostgreSQL reads as
// timestamptz; a date stands for the whole day, so "2023-01-01/2023-12-31" covers all of 2023.
import { badRequest } from '../http/errors.ts';

/** Both ends inclusive; null is open. The strings are RFC 3339 timestamps PostgreSQL parses exactly. */
export interface TimeInterval {
  start: string | null;
  end: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

const EXAMPLES = 'e.g. 2023-06-01, 2023-06-01T08:00:00Z, 2020-01-01/2023-12-31, 2021-01-01/.. or ../2020-12-31';

function isCalendarDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip. Years 0–99 are remapped
  // by Date.UTC, so the year is checked as well.
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

type Bound = { text: string; ms: number };

function parseBound(raw: string, side: 'start' | 'end', whole: string): Bound {
  if (DATE.test(raw)) {
    if (!isCalendarDate(raw)) throw badRequest(`"datetime" has no such calendar date: ${raw}.`);
    // A date covers its whole day: from its first to its last microsecond (PostgreSQL's resolution).
    const text = side === 'start' ? `${raw}T00:00:00Z` : `${raw}T23:59:59.999999Z`;
    return { text, ms: Date.parse(side === 'start' ? text : `${raw}T23:59:59.999Z`) };
  }
  const m = DATE_TIME.exec(raw);
  if (m) {
    const [, date, hh, mm, ss, , zone] = m as unknown as [string, string, string, string, string, string, string];
    if (!isCalendarDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
      throw badRequest(`"datetime" has an impossible date or time: ${raw}.`);
    }
    if (zone !== 'Z' && zone !== 'z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) {
      throw badRequest(`"datetime" has an impossible time-zone offset: ${raw}.`);
    }
    const text = raw.toUpperCase();
    return { text, ms: Date.parse(text) };
  }
  if (/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)? \d{2}:\d{2}$/.test(raw)) {
    throw badRequest(`"datetime" ${raw} lost its "+" sign: write a "+" in a URL as %2B.`);
  }
  const what = whole.includes('/') ? `the ${side} of the interval "${whole}"` : `"${whole}"`;
  throw badRequest(`"datetime" must be an RFC 3339 date or date-time, or an interval of two; ${what} is neither (${EXAMPLES}).`);
}

export function parseDatetime(raw: string | undefined): TimeInterval | null {
  if (raw === undefined) return null;
  const parts = raw.split('/');
  if (parts.length > 2) throw badRequest(`"datetime" has more than one "/" (${EXAMPLES}).`);
  if (parts.length === 1) {
    const instant = parts[0]!;
    if (instant === '..') throw badRequest(`"datetime" ".." is only allowed as one end of an interval (${EXAMPLES}).`);
    // An instant is the interval from itself to itself; a date widens it to its day.
    return { start: parseBound(instant, 'start', raw).text, end: parseBound(instant, 'end', raw).text };
  }
  const [a, b] = parts as [string, string];
  const open = (s: string) => s === '..' || s === '';
  if (open(a) && open(b)) throw badRequest(`"datetime" interval "${raw}" is open at both ends; leave datetime out instead.`);
  const start = open(a) ? null : parseBound(a, 'start', raw);
  const end = open(b) ? null : parseBound(b, 'end', raw);
  if (start && end && start.ms > end.ms) throw badRequest(`"datetime" interval "${raw}" ends before it starts.`);
  return { start: start?.text ?? null, end: end?.text ?? null };
}
