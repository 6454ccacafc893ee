// GET /api/units?q=…&geometry=bbox answers, parsed at the edge into what the search box lists and flies to.
// Each geometry is the unit's envelope; only its bounding box is kept.
import { fullCode, levels, type Box, type Level } from '../unit-details.ts';

export interface SearchHit {
  code: string;
  level: Level;
  nameZh: string;
  nameEn: string | null;
  bbox: Box | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bounding box of any GeoJSON geometry's coordinates; null when it has none that are valid. */
export function geometryBox(geometry: unknown): Box | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown, depth: number): void => {
    if (!Array.isArray(c) || depth > 6) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return;
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
      return;
    }
    for (const inner of c) visit(inner, depth + 1);
  };
  if (isObj(geometry)) visit(geometry.coordinates, 0);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

const levelRank = (l: Level) => levels.indexOf(l);

/** Hits in the order people expect: exact name first, then coarser units (a county before its villages). */
export function parseSearch(body: unknown, query: string): SearchHit[] {
  if (!isObj(body) || !Array.isArray(body.features)) throw new Error('search: not a feature collection');
  const hits = body.features.flatMap((f): SearchHit[] => {
    if (!isObj(f) || !isObj(f.properties)) return [];
    const p = f.properties;
    let code: string;
    try {
      code = fullCode(p.code);
    } catch {
      return [];
    }
    const level = typeof p.level === 'string' && (levels as readonly string[]).includes(p.level) ? (p.level as Level) : null;
    const nameZh = typeof p.name_zh === 'string' && p.name_zh ? p.name_zh : null;
    if (!level || !nameZh) return [];
    return [{ code, level, nameZh, nameEn: typeof p.name_en === 'string' && p.name_en ? p.name_en : null, bbox: geometryBox(f.geometry) }];
  });
  const q = query.trim();
  const exact = (h: SearchHit) => (h.nameZh === q || h.nameZh.startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => exact(a) - exact(b) || levelRank(a.level) - levelRank(b.level) || a.code.localeCompare(b.code));
}

/** Worth asking the server: two characters of text, or any digits (a code prefix). */
export function searchable(query: string): boolean {
  const q = query.trim();
  if (q.length > 50) return false;
  return /^\d+$/.test(q) ? q.length >= 2 : [...q].length >= (/[^\x00-\x7f]/.test(q) ? 1 : 2);
}
