// The closed vocabularies of flows, alliances and indicators. They mirror the lookup tables of
// sql/migrations/002_flows.sql (a test keeps both in step) and are the allow-lists that query parameters
// and uploaded rows are checked against before any SQL runs.
export const FACTORS = ['labour', 'land', 'capital', 'technology', 'data', 'ecology'] as const;
export const BASES = ['observed', 'documented', 'modelled'] as const;
export const MECHANISMS = [
  'land_linkage',
  'capital_pooling',
  'talent_rotation',
  'industrial_linkage',
  'paired_assistance',
  'enclave_economy',
  'labour_migration',
  'other',
] as const;
export const INTEGRATION_TYPES = ['platform_mediated', 'industrial_embedding', 'cooperative_led', 'project_driven'] as const;
export const BENEFIT_LINKAGES = ['revenue_sharing', 'risk_sharing', 'collective_dividends', 'subsidy'] as const;
export const MEASURE_UNITS = [
  'persons',
  'persons_10k',
  'person_times',
  'cny',
  'cny_10k',
  'cny_100m',
  'hectares',
  'mu',
  'km2',
  'percent',
  'items',
] as const;
export const PROGRAMMES = ['mountain_sea', 'integration_agreement', 'study_pairing', 'east_west'] as const;
export const ROLES = ['core', 'periphery', 'partner'] as const;
export const INDICATOR_KEYS = [
  'population_resident',
  'population_registered',
  'urbanisation_rate',
  'gdp',
  'gdp_per_capita',
  'hukou_other_township_share',
  'hukou_other_county_share',
  'hukou_other_province_share',
] as const;
export const INDICATOR_BASES = ['observed', 'modelled'] as const;
export const LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export const DIRECTIONS = ['in', 'out', 'either'] as const;

export type Factor = (typeof FACTORS)[number];
export type Basis = (typeof BASES)[number];
export type Level = (typeof LEVELS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** The lookup tables behind each vocabulary, for labels and for the consistency test. */
export const VOCABULARY_TABLES = {
  factors: { table: 'flow_factors', keys: FACTORS },
  bases: { table: 'flow_bases', keys: BASES },
  mechanisms: { table: 'flow_mechanisms', keys: MECHANISMS },
  integration_types: { table: 'integration_types', keys: INTEGRATION_TYPES },
  benefit_linkages: { table: 'benefit_linkages', keys: BENEFIT_LINKAGES },
  measure_units: { table: 'measure_units', keys: MEASURE_UNITS },
  programmes: { table: 'alliance_programmes', keys: PROGRAMMES },
  indicators: { table: 'indicator_keys', keys: INDICATOR_KEYS },
} as const;

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
