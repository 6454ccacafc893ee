// The synthetic flows: a seeded generator whose every draw is documented in docs/bench-national.md.
// Partners are chosen by a gravity-like rule between counties (mass × distance decay, the county itself
// included, so some flows stay inside one county), then each end is a village, township or the county
// itself. Factor, basis, period, qualifiers and a log-normal magnitude are drawn per flow. Records that
// would repeat another's natural key (the unique index of the flows table) are drawn again.
import { haversineKm } from '../../server/analysis/gravity-model.ts';
import { BENEFIT_LINKAGES, INTEGRATION_TYPES, type Basis, type Factor } from '../../server/flows/vocabulary.ts';
import type { GeneratorParams } from './params.ts';
import { searchCumulative, seededRng, type Rng } from './prng.ts';

export interface CountyPlaces {
  code: string;
  lon: number;
  lat: number;
  /** Codes of the county's townships and villages, each sorted. */
  townships: readonly string[];
  villages: readonly string[];
}

/** One batch of flows, column by column (what a bulk insert binds). */
export interface FlowBatch {
  origin: string[];
  dest: string[];
  factor: Factor[];
  periodStart: string[];
  periodEnd: string[];
  /** Decimal text in magnitudeUnit; null for documented flows. */
  magnitude: (string | null)[];
  magnitudeUnit: (string | null)[];
  basis: Basis[];
  mechanism: (string | null)[];
  integrationType: (string | null)[];
  /** Bit i set: BENEFIT_LINKAGES[i] applies. */
  benefitMask: number[];
}

export interface FlowStats {
  drawn: number;
  sameUnitRedraws: number;
  duplicateRedraws: number;
}

const FLOW_STREAM = 0x666c6f77;

const emptyBatch = (): FlowBatch => ({
  origin: [],
  dest: [],
  factor: [],
  periodStart: [],
  periodEnd: [],
  magnitude: [],
  magnitudeUnit: [],
  basis: [],
  mechanism: [],
  integrationType: [],
  benefitMask: [],
});

export const batchSize = (b: FlowBatch) => b.origin.length;

/** P(j | i) ∝ mass_j · max(d_ij, minKm)^−β, as cumulative rows computed once per origin county. */
function gravityRows(counties: readonly CountyPlaces[], mass: Float64Array, g: GeneratorParams['gravity']) {
  const rows = new Map<number, Float64Array>();
  return (i: number): Float64Array => {
    let row = rows.get(i);
    if (!row) {
      row = new Float64Array(counties.length);
      let acc = 0;
      const a = counties[i]!;
      for (let j = 0; j < counties.length; j++) {
        const km = i === j ? g.minKm : Math.max(haversineKm(a, counties[j]!), g.minKm);
        acc += mass[j]! * km ** -g.beta;
        row[j] = acc;
      }
      rows.set(i, row);
    }
    return row;
  };
}

function endUnit(rng: Rng, c: CountyPlaces, level: 'village' | 'township' | 'county'): string {
  // A county without villages (or townships) in the data offers its next coarser unit instead.
  if (level === 'village' && c.villages.length) return c.villages[rng.int(0, c.villages.length - 1)]!;
  if (level !== 'county' && c.townships.length) return c.townships[rng.int(0, c.townships.length - 1)]!;
  return c.code;
}

function period(rng: Rng, y: GeneratorParams['years']): [string, string] {
  if (rng.chance(y.spanShare)) {
    const start = rng.int(y.first, y.last - 1);
    const end = Math.min(start + rng.int(1, 4), y.last);
    return [`${start}-01-01`, `${end}-12-31`];
  }
  const year = rng.int(y.first, y.last);
  return [`${year}-01-01`, `${year}-12-31`];
}

/** The figure as stated in `unit`, from a value in the canonical unit: decimal text, at most 12 significant digits. */
function stated(canonical: number, unit: string, toCanonical: ReadonlyMap<string, number>): string {
  const f = toCanonical.get(unit);
  if (!f) throw new Error(`unknown unit of measure ${unit}`);
  return String(Number((canonical / f).toPrecision(12)));
}

/**
 * Yields the flows in batches. Counties must come sorted by code and toCanonical must hold every unit the
 * magnitude laws name (measure_units.to_canonical).
 */
export function* syntheticFlows(
  counties: readonly CountyPlaces[],
  p: GeneratorParams,
  toCanonical: ReadonlyMap<string, number>,
  batchRows = 50_000,
  stats: FlowStats = { drawn: 0, sameUnitRedraws: 0, duplicateRedraws: 0 },
): Generator<FlowBatch> {
  if (!counties.length) throw new Error('no counties to draw flows between');
  const rng = seededRng(p.seed ^ FLOW_STREAM);
  const mass = new Float64Array(counties.length);
  const massCum = new Float64Array(counties.length);
  let acc = 0;
  counties.forEach((c, i) => {
    // Township count stands in for size: every county can be drawn, one with many townships more often.
    mass[i] = 1 + c.townships.length;
    acc += mass[i]!;
    massCum[i] = acc;
  });
  const row = gravityRows(counties, mass, p.gravity);
  const seen = new Set<string>();
  let batch = emptyBatch();
  let made = 0;
  while (made < p.flows) {
    stats.drawn++;
    const oc = searchCumulative(massCum, rng.next());
    const dc = searchCumulative(row(oc), rng.next());
    const origin = endUnit(rng, counties[oc]!, rng.pick(p.endLevels));
    const dest = endUnit(rng, counties[dc]!, rng.pick(p.endLevels));
    const factor = rng.pick(p.factors);
    const basis = rng.pick(p.bases);
    const [start, end] = period(rng, p.years);
    const mechanism = rng.chance(p.noMechanism) ? null : rng.pick(p.mechanisms[factor]);
    const integration = rng.chance(p.noIntegrationType) ? null : INTEGRATION_TYPES[rng.int(0, INTEGRATION_TYPES.length - 1)]!;
    let mask = 0;
    for (let i = 0; i < BENEFIT_LINKAGES.length; i++) if (rng.chance(p.benefitLinkageChance)) mask |= 1 << i;
    const law = p.magnitudes[factor];
    const canonical = Math.max(law.decimals ? 10 ** -law.decimals : 1, round(rng.logNormal(law.median, law.sigma), law.decimals));
    const unit = rng.pick(law.statedAs);
    if (origin === dest) {
      stats.sameUnitRedraws++;
      continue;
    }
    const key = `${origin}${dest}${factor}${start}${end}${basis}${mechanism ?? ''}`;
    if (seen.has(key)) {
      stats.duplicateRedraws++;
      continue;
    }
    seen.add(key);
    const documented = basis === 'documented';
    batch.origin.push(origin);
    batch.dest.push(dest);
    batch.factor.push(factor);
    batch.periodStart.push(start);
    batch.periodEnd.push(end);
    batch.magnitude.push(documented ? null : stated(canonical, unit, toCanonical));
    batch.magnitudeUnit.push(documented ? null : unit);
    batch.basis.push(basis);
    batch.mechanism.push(mechanism);
    batch.integrationType.push(integration);
    batch.benefitMask.push(mask);
    made++;
    if (batchSize(batch) >= batchRows) {
      yield batch;
      batch = emptyBatch();
    }
  }
  if (batchSize(batch)) yield batch;
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
