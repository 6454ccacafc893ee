// NBS statistical division codes (统计用区划代码): 12 digits = province 2 + prefecture 2 + county 2 +
// township 3 + village 3. Shorter published forms (2, 4, 6, 9 digits) are the same code with the
// trailing zeros dropped, so every code is stored padded to 12.
import { CODE_PREFIX, LEVELS, type Level } from './levels.ts';

/** A 12-digit code from a number or string of 2, 4, 6, 9 or 12 digits; null when it is not one. */
export function normaliseCode(raw: unknown): string | null {
  let text: string;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) text = String(raw);
  else if (typeof raw === 'string') text = raw.trim();
  else return null;
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(text)) return null;
  const code = text.padEnd(12, '0');
  return /^0{2}/.test(code) ? null : code;
}

/** The level a code's zero-padding implies (a county code 330329 → 330329000000 → county). */
export function levelOfCode(code: string): Level {
  for (const level of LEVELS) {
    if (/^0*$/.test(code.slice(CODE_PREFIX[level]))) return level;
  }
  return 'village';
}

/** Whether the code has the shape of a unit of this level: its own digits set, all later digits zero. */
export function codeFitsLevel(code: string, level: Level): boolean {
  return levelOfCode(code) === level;
}

/** The code of the enclosing unit at a higher level (330329100 at county level → 330329000000). */
export function ancestorCode(code: string, level: Level): string {
  return code.slice(0, CODE_PREFIX[level]).padEnd(12, '0');
}

/** True when child lies inside the code range of a parent of the given level. */
export function inCodeRange(child: string, parent: string, parentLevel: Level): boolean {
  const n = CODE_PREFIX[parentLevel];
  return child.slice(0, n) === parent.slice(0, n);
}

/**
 * Township-level rows that the NBS lists but that are not townships: the code rules reserve 400–599 for
 * "类似乡级单位" (farms, forest farms, development zones, reserves), and some counties have a virtual
 * "直辖村级区划" row (villages directly under the county, e.g. all of 龙港市). A 4xx row named like a real
 * town or street (…镇, …乡, …街道) is kept as a township: several development-zone streets are coded so.
 */
export function statisticalTownshipReason(code: string, name: string): string | null {
  if (/直辖村级区划$/.test(name)) return 'virtual row: villages directly under the county (直辖村级区划)';
  const serial = Number(code.slice(6, 9));
  if (serial >= 400 && serial <= 599 && !/(街道|镇|乡|苏木)$/.test(name)) {
    return 'NBS code 400–599: a unit similar to a township (类似乡级单位), not a township';
  }
  return null;
}
