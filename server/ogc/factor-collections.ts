// Flows, alliances and indicators as OGC collections. Flows and alliances are lines between the units'
// representative points; indicators sit on their unit's point. Each carries its basis (for flows and
// indicators) or programme (for alliances) and its source, so a modelled figure never reads as observed.
import {
  BASES,
  BENEFIT_LINKAGES,
  FACTORS,
  INDICATOR_BASES,
  INDICATOR_KEYS,
  INTEGRATION_TYPES,
  LEVELS,
  MEASURE_UNITS,
  MECHANISMS,
  PROGRAMMES,
  ROLES,
} from '../flows/vocabulary.ts';
import type { Collection, PropertyDoc } from './collection.ts';
import { collectionSql } from './collection-sql.ts';
import { parseBigintId, SOURCE_PROPERTIES } from './source-properties.ts';

const text = (description: string, extra: Partial<PropertyDoc> = {}): PropertyDoc => ({ type: 'string', description, ...extra });

function unitEnd(prefix: string, what: string): Record<string, PropertyDoc> {
  return {
    [`${prefix}_code`]: text(`NBS code of the ${what}.`),
    [`${prefix}_name_zh`]: text(`Chinese name of the ${what}.`),
    [`${prefix}_name_en`]: text(`Pinyin or English name of the ${what}.`, { nullable: true }),
    [`${prefix}_level`]: text(`Administrative level of the ${what}.`, { enum: LEVELS }),
  };
}

const bigintId = (what: string): Collection['featureId'] => ({
  type: 'integer',
  description: `The ${what} id, a positive whole number.`,
  parse: parseBigintId,
});

const flows: Collection = {
  id: 'flows',
  title: 'Factor flows',
  description:
    'Directed flows of a factor (labour, land, capital, technology, data, ecology) between two administrative units, as lines from the origin\u2019s representative point to the destination\u2019s. basis says whether the magnitude was observed, modelled (by the model the source names) or whether the flow is only documented, without a number.',
  geometryTypes: ['LineString'],
  datetimeMeaning:
    'A flow\u2019s time is its period, from the first day of period_start to the last day of period_end; a datetime selects the flows whose period it meets.',
  properties: {
    ...unitEnd('origin', 'origin unit'),
    ...unitEnd('dest', 'destination unit'),
    factor: text('The factor that flows.', { enum: FACTORS }),
    period_start: text('First day of the period (YYYY-MM-DD).', { format: 'date' }),
    period_end: text('Last day of the period (YYYY-MM-DD).', { format: 'date' }),
    magnitude: { type: 'number', nullable: true, description: 'The amount, in magnitude_unit; null when the source gives no number (basis documented).' },
    magnitude_unit: text('Unit of the magnitude.', { nullable: true, enum: MEASURE_UNITS }),
    basis: text('observed: a measured figure; documented: described by the source without a number; modelled: estimated by the model the source names.', { enum: BASES }),
    mechanism: text('How the factor moves (land linkage, capital pooling, talent rotation, ...).', { nullable: true, enum: MECHANISMS }),
    integration_type: text('Integration type.', { nullable: true, enum: INTEGRATION_TYPES }),
    benefit_linkage: text(`Benefit linkages, comma-separated (${BENEFIT_LINKAGES.join(', ')}); null when none is recorded.`, { nullable: true }),
    note: text('Remarks from the record.', { nullable: true }),
    ...SOURCE_PROPERTIES,
  },
  featureId: bigintId('flow'),
  sql: collectionSql('flows', 'bigint'),
};

const alliances: Collection = {
  id: 'alliances',
  title: 'Alliances (paired units)',
  description:
    'Pairs of units in a cooperation programme (山海协作 mountain\u2013sea cooperation, integration agreements, east\u2013west cooperation) or paired in a study (programme study_pairing), as lines between the two units\u2019 representative points.',
  geometryTypes: ['LineString'],
  datetimeMeaning:
    'An alliance\u2019s time runs from the start of start_year to the end of end_year; a missing end_year means it still runs. A datetime selects the alliances active at some time in it; alliances with neither year are left out whenever datetime is given.',
  properties: {
    programme: text('The programme the pairing belongs to.', { enum: PROGRAMMES }),
    programme_zh: text('Chinese name of the programme.'),
    programme_en: text('English name of the programme.'),
    name_zh: text('Name of the pairing or its project, where recorded.', { nullable: true }),
    ...unitEnd('a', 'first unit'),
    a_role: text('Role of the first unit.', { enum: ROLES }),
    ...unitEnd('b', 'second unit'),
    b_role: text('Role of the second unit.', { enum: ROLES }),
    start_year: { type: 'integer', nullable: true, description: 'Year the pairing started.' },
    end_year: { type: 'integer', nullable: true, description: 'Year the pairing ended; null while it runs.' },
    note: text('Remarks from the record.', { nullable: true }),
    ...SOURCE_PROPERTIES,
  },
  featureId: bigintId('alliance'),
  sql: collectionSql('alliances', 'bigint'),
};

const indicators: Collection = {
  id: 'indicators',
  title: 'Indicators',
  description:
    'A value for a unit and year (population, urbanisation, GDP, ...), placed at the unit\u2019s representative point; the unit\u2019s boundary is in the units collections (join on unit_code).',
  geometryTypes: ['Point'],
  datetimeMeaning: 'An indicator\u2019s time is its year; a datetime selects the indicators whose year it meets.',
  properties: {
    ...unitEnd('unit', 'unit'),
    year: { type: 'integer', description: 'Year the value refers to.' },
    indicator: text('What is measured.', { enum: INDICATOR_KEYS }),
    indicator_zh: text('Chinese name of the indicator.'),
    indicator_en: text('English name of the indicator.'),
    value: { type: 'number', description: 'The value, in unit_of_measure.' },
    unit_of_measure: text('Unit of the value.', { enum: MEASURE_UNITS }),
    basis: text('observed: a published figure; modelled: estimated by the model the source names.', { enum: INDICATOR_BASES }),
    note: text('Remarks from the record.', { nullable: true }),
    ...SOURCE_PROPERTIES,
  },
  featureId: bigintId('indicator'),
  sql: collectionSql('indicators', 'bigint'),
};

export function factorCollections(): Collection[] {
  return [flows, alliances, indicators];
}
