// Every parameter of the synthetic part of the national benchmark dataset, in one place. docs/bench-national.md
// explains them; the built database records them (with GENERATOR_VERSION) so that a cached build is
// reused only when it was made by the same generator with the same parameters.
import type { Basis, Factor } from '../../server/flows/vocabulary.ts';

/** Bump whenever the generator's output for a given seed changes (code or defaults). */
export const GENERATOR_VERSION = 1;

export const SYNTHETIC_SOURCE_ID = 'bench.synthetic-national';

/** Synthetic village codes end in 9NN, a range NBS does not use for village committees or communities. */
export const VILLAGE_CODE_BASE = 900;

export interface MagnitudeLaw {
  /** Canonical unit of the factor's dimension (see measure_units). */
  unit: string;
  /** Median and σ (of the underlying normal) of a log-normal, in the canonical unit. */
  median: number;
  sigma: number;
  /** Decimal places kept in the canonical unit (0: whole persons or items); never below one such step. */
  decimals: number;
  /** Some records state the figure in another unit of the same dimension, to exercise the conversion. */
  statedAs: readonly (readonly [string, number])[];
}

export interface GeneratorParams {
  seed: number;
  flows: number;
  /** Each township gets a uniform whole number of synthetic villages in [min, max]. */
  villagesPerTownship: { min: number; max: number };
  /** Villages sit uniformly in a disc of this radius around their township's seat. */
  villageRadiusKm: number;
  /** Level of each end of a flow, drawn independently. */
  endLevels: readonly (readonly ['village' | 'township' | 'county', number])[];
  /** Partner county: P(j | i) ∝ mass_j · max(d_ij, minKm)^−beta, j = i allowed (d_ii = minKm). */
  gravity: { beta: number; minKm: number };
  factors: readonly (readonly [Factor, number])[];
  bases: readonly (readonly [Basis, number])[];
  magnitudes: Record<Factor, MagnitudeLaw>;
  mechanisms: Record<Factor, readonly (readonly [string, number])[]>;
  /** Chance that a flow names no mechanism / no integration type. */
  noMechanism: number;
  noIntegrationType: number;
  /** Each benefit linkage is attached independently with this chance. */
  benefitLinkageChance: number;
  /** Single years are drawn uniformly from [first, last]; spans start in [first, last − 1] and last 2–5 years, cut at last. */
  years: { first: number; last: number; spanShare: number };
}

export const DEFAULT_PARAMS: GeneratorParams = {
  seed: 20_240_611,
  flows: 1_000_000,
  villagesPerTownship: { min: 4, max: 16 },
  villageRadiusKm: 5,
  endLevels: [
    ['village', 0.6],
    ['township', 0.3],
    ['county', 0.1],
  ],
  gravity: { beta: 2, minKm: 15 },
  factors: [
    ['labour', 0.3],
    ['capital', 0.22],
    ['land', 0.14],
    ['technology', 0.12],
    ['data', 0.1],
    ['ecology', 0.12],
  ],
  bases: [
    ['modelled', 0.6],
    ['observed', 0.35],
    ['documented', 0.05],
  ],
  magnitudes: {
    labour: { unit: 'persons', median: 40, sigma: 1.2, decimals: 0, statedAs: [['persons', 0.9], ['persons_10k', 0.1]] },
    capital: { unit: 'cny_10k', median: 200, sigma: 1.5, decimals: 2, statedAs: [['cny_10k', 0.8], ['cny_100m', 0.1], ['cny', 0.1]] },
    land: { unit: 'hectares', median: 8, sigma: 1.0, decimals: 2, statedAs: [['hectares', 0.7], ['mu', 0.3]] },
    technology: { unit: 'items', median: 5, sigma: 0.8, decimals: 0, statedAs: [['items', 1]] },
    data: { unit: 'items', median: 20, sigma: 1.0, decimals: 0, statedAs: [['items', 1]] },
    ecology: { unit: 'cny_10k', median: 50, sigma: 1.3, decimals: 2, statedAs: [['cny_10k', 1]] },
  },
  mechanisms: {
    labour: [['labour_migration', 0.7], ['talent_rotation', 0.3]],
    land: [['land_linkage', 0.7], ['enclave_economy', 0.3]],
    capital: [['capital_pooling', 0.4], ['paired_assistance', 0.3], ['industrial_linkage', 0.3]],
    technology: [['industrial_linkage', 0.5], ['talent_rotation', 0.3], ['other', 0.2]],
    data: [['other', 0.6], ['industrial_linkage', 0.4]],
    ecology: [['paired_assistance', 0.6], ['other', 0.4]],
  },
  noMechanism: 0.1,
  noIntegrationType: 0.3,
  benefitLinkageChance: 0.25,
  years: { first: 2015, last: 2024, spanShare: 0.2 },
};

/** What identifies a build: if any of it differs, the cached database is rebuilt. */
export function buildStamp(p: GeneratorParams) {
  return { generatorVersion: GENERATOR_VERSION, params: p };
}
