// Spatial-interaction (gravity) models in their textbook forms, as pure functions so that a test can
// check them by hand. See docs/model.md for the formulas and why these were chosen.

export interface Place {
  code: string;
  lon: number;
  lat: number;
}

export interface ModelFlow {
  origin: string;
  dest: string;
  value: number;
}

const R_KM = 6371.0088;

/** Great-circle distance in km. */
export function haversineKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Deterrence {
  /** Distance-decay exponent β in d^−β. */
  beta: number;
  /** Distances below this many km count as this many km (seats can be a few hundred metres apart). */
  minKm: number;
}

export const deterrence = (d: Deterrence, km: number) => Math.max(km, d.minKm) ** -d.beta;

/**
 * Destination-constrained (attraction-constrained) gravity model:
 *   T_ij = D_j · O_i f(d_ij) / Σ_k≠j O_k f(d_kj)
 * Every destination's known total D_j is shared among all candidate origins in proportion to their
 * mass and nearness, so Σ_i T_ij = D_j exactly.
 */
export function destinationConstrained(
  origins: (Place & { mass: number })[],
  destinations: (Place & { total: number })[],
  f: Deterrence,
): ModelFlow[] {
  const out: ModelFlow[] = [];
  for (const j of destinations) {
    const weights = origins.filter((i) => i.code !== j.code).map((i) => ({ i, w: i.mass * deterrence(f, haversineKm(i, j)) }));
    const sum = weights.reduce((s, x) => s + x.w, 0);
    if (sum <= 0) continue;
    for (const { i, w } of weights) out.push({ origin: i.code, dest: j.code, value: (j.total * w) / sum });
  }
  return out;
}

/**
 * Total-constrained gravity model within one region:
 *   T_ij = M · O_i D_j f(d_ij) / Σ_a≠b O_a D_b f(d_ab)
 * so that the flows between the places add up to the known total M.
 */
export function totalConstrained(places: (Place & { out: number; in: number })[], total: number, f: Deterrence): ModelFlow[] {
  const pairs: ModelFlow[] = [];
  for (const i of places) {
    for (const j of places) {
      if (i.code === j.code) continue;
      const w = i.out * j.in * deterrence(f, haversineKm(i, j));
      if (w > 0) pairs.push({ origin: i.code, dest: j.code, value: w });
    }
  }
  const sum = pairs.reduce((s, p) => s + p.value, 0);
  return sum > 0 ? pairs.map((p) => ({ ...p, value: (total * p.value) / sum })) : [];
}
