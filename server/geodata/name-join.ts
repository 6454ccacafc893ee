// Joins units of one vintage to points of another by name: first within the same county (and, for
// villages, the same township). A county the old list does not know at all (龙港市, made in 2019 from
// part of 苍南县) is matched against the wider area instead, for names found there exactly once. Codes
// are never used: NBS reassigns them when units merge or move to a new county.
export interface JoinTarget {
  code: string;
  key: string;
  county: string;
  /** For villages: the key of the township-level unit the NBS lists it under. */
  parentKey?: string;
}

export interface JoinCandidate {
  key: string;
  county: string;
  parentKey?: string;
  /** GCJ-02 [lon, lat], or null when the old list has the name but no coordinates. */
  point: [number, number] | null;
  where: string;
}

export type JoinHow = 'same-parent' | 'same-county' | 'same-area';

export interface JoinMatch {
  candidate: JoinCandidate;
  how: JoinHow;
}

function index(cands: readonly JoinCandidate[], keyOf: (c: JoinCandidate) => string) {
  const m = new Map<string, JoinCandidate[]>();
  for (const c of cands) {
    const k = keyOf(c);
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  }
  return m;
}

/** A name that is shared by several places at a level is no evidence for any one of them. */
const unique = (list: JoinCandidate[] | undefined) => (list && list.length === 1 ? list[0]! : undefined);

export function joinByName(targets: readonly JoinTarget[], candidates: readonly JoinCandidate[]): Map<string, JoinMatch> {
  const byParent = index(candidates, (c) => `${c.county}|${c.parentKey ?? ''}|${c.key}`);
  const byCounty = index(candidates, (c) => `${c.county}|${c.key}`);
  const byArea = index(candidates, (c) => c.key);
  const oldCounties = new Set(candidates.map((c) => c.county));
  const out = new Map<string, JoinMatch>();
  for (const t of targets) {
    let hit: JoinCandidate | undefined;
    let how: JoinHow = 'same-parent';
    if (t.parentKey !== undefined) hit = unique(byParent.get(`${t.county}|${t.parentKey}|${t.key}`));
    if (!hit) {
      how = 'same-county';
      hit = unique(byCounty.get(`${t.county}|${t.key}`));
    }
    // For a county the old list knows, a same-named place in another county is a different place:
    // measured on Wenzhou, all 8 such village points fell outside the village's own county.
    if (!hit && !oldCounties.has(t.county)) {
      how = 'same-area';
      hit = unique(byArea.get(t.key));
    }
    if (hit) out.set(t.code, { candidate: hit, how });
  }
  return out;
}
