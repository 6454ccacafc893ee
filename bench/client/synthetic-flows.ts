// Seeded synthetic flows for the client benchmark, between the Wenzhou demo's located townships and
// villages (a flow whose ends have no point cannot be drawn). Same seed, same units → same flows on every
// machine. Nothing here is real: the rows are inserted with synthetic = true under a source that says so.
import { seededRng } from '../national/prng.ts';

export const GENERATOR_VERSION = 1;
export const SYNTHETIC_SOURCE = 'bench.client-synthetic';

export interface EndUnit {
  code: string;
  lon: number;
  lat: number;
}

export interface FlowColumns {
  origin: string[];
  dest: string[];
  factor: string[];
  periodStart: string[];
  periodEnd: string[];
  magnitude: (number | null)[];
  unit: (string | null)[];
  basis: string[];
  mechanism: string[];
  integrationType: (string | null)[];
  benefitMask: number[];
}

const FACTORS = [['labour', 40], ['capital', 25], ['land', 15], ['technology', 10], ['data', 5], ['ecology', 5]] as const;
const UNIT_OF: Record<string, string> = { labour: 'persons', capital: 'cny_10k', land: 'mu', technology: 'items', data: 'items', ecology: 'hectares' };
const MECHANISM_OF: Record<string, readonly string[]> = {
  labour: ['labour_migration', 'talent_rotation'],
  capital: ['capital_pooling', 'paired_assistance', 'enclave_economy'],
  land: ['land_linkage'],
  technology: ['industrial_linkage', 'talent_rotation'],
  data: ['industrial_linkage', 'other'],
  ecology: ['other', 'paired_assistance'],
};
const INTEGRATION = ['platform_mediated', 'industrial_embedding', 'cooperative_led', 'project_driven'] as const;
const BASES = [['modelled', 60], ['observed', 30], ['documented', 10]] as const;

/**
 * n flows. Partners are drawn near the origin more often than far (a distance decay), so the map looks
 * like flows do: dense around the seats, thinning outwards.
 */
export function syntheticFlows(units: readonly EndUnit[], n: number, seed: number): FlowColumns {
  if (units.length < 2) throw new Error('synthetic flows need at least two located units');
  const rng = seededRng(seed);
  const out: FlowColumns = { origin: [], dest: [], factor: [], periodStart: [], periodEnd: [], magnitude: [], unit: [], basis: [], mechanism: [], integrationType: [], benefitMask: [] };
  for (let i = 0; i < n; i++) {
    const o = units[rng.int(0, units.length - 1)]!;
    let d = o;
    // Up to eight tries for a near partner, then any other unit.
    for (let k = 0; k < 8 && (d === o || Math.hypot(d.lon - o.lon, d.lat - o.lat) > 0.15 + rng.next() * 0.6); k++) d = units[rng.int(0, units.length - 1)]!;
    while (d === o) d = units[rng.int(0, units.length - 1)]!;
    const factor = rng.pick(FACTORS);
    const basis = rng.pick(BASES);
    const year = rng.int(2012, 2024);
    const span = rng.chance(0.2) ? rng.int(1, 3) : 0;
    const mechanisms = MECHANISM_OF[factor]!;
    out.origin.push(o.code);
    out.dest.push(d.code);
    out.factor.push(factor);
    out.periodStart.push(`${year}-01-01`);
    out.periodEnd.push(`${Math.min(2025, year + span)}-12-31`);
    out.basis.push(basis);
    out.magnitude.push(basis === 'documented' ? null : Math.round(rng.logNormal(factor === 'capital' ? 300 : 40, 1.2) * 10) / 10);
    out.unit.push(basis === 'documented' ? null : UNIT_OF[factor]!);
    out.mechanism.push(mechanisms[rng.int(0, mechanisms.length - 1)]!);
    out.integrationType.push(rng.chance(0.5) ? INTEGRATION[rng.int(0, INTEGRATION.length - 1)]! : null);
    out.benefitMask.push(rng.chance(0.4) ? rng.int(1, 15) : 0);
  }
  return out;
}
