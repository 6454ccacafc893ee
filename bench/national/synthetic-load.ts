// Writes the synthetic part of the dataset: its source row, villages and flows, in batches of typed
// arrays through unnest (one statement per batch; works on both engines, so the tests use it too).
import type { Queryable } from '../../server/db/database.ts';
import { BENEFIT_LINKAGES } from '../../server/flows/vocabulary.ts';
import { type FlowBatch, batchSize } from './flows.ts';
import { GENERATOR_VERSION, SYNTHETIC_SOURCE_ID, type GeneratorParams } from './params.ts';
import { benchSql } from './sql-text.ts';
import type { SyntheticVillage } from './villages.ts';

const VILLAGE_BATCH = 20_000;

export async function upsertSyntheticSource(db: Queryable, p: GeneratorParams): Promise<void> {
  await db.query(benchSql('upsert_source'), [
    SYNTHETIC_SOURCE_ID,
    'SYNTHETIC benchmark data (not real): made-up villages and factor flows for the national performance benchmark',
    'Chengxiang Atlas benchmark generator (bench/national), not a publisher of facts',
    'MIT (generator code); the data describe nothing real',
    `generator v${GENERATOR_VERSION}, seed ${p.seed}`,
    `Everything citing this source is invented by a seeded random generator to measure performance at national scale; ` +
      `no figure, village or flow under it exists. Flows carry synthetic = true. Villages (codes ending 901–999) are ` +
      `placed at random around real 2016 township seats. Generator v${GENERATOR_VERSION}, seed ${p.seed}, ${p.flows} flows; ` +
      `parameters and distributions: docs/bench-national.md.`,
  ]);
}

export async function insertVillages(db: Queryable, villages: readonly SyntheticVillage[], p: GeneratorParams): Promise<void> {
  for (let i = 0; i < villages.length; i += VILLAGE_BATCH) {
    const b = villages.slice(i, i + VILLAGE_BATCH);
    await db.query(benchSql('insert_villages'), [
      b.map((v) => v.code),
      b.map((v) => v.parentCode),
      b.map((v) => v.nameZh),
      b.map((v) => v.nameEn),
      b.map((v) => v.namePinyin),
      b.map((v) => v.lon),
      b.map((v) => v.lat),
      SYNTHETIC_SOURCE_ID,
      `synthetic, generator v${GENERATOR_VERSION} seed ${p.seed}`,
    ]);
  }
}

export async function insertFlowBatch(db: Queryable, b: FlowBatch): Promise<number> {
  await db.query(benchSql('insert_flows'), [
    b.origin,
    b.dest,
    b.factor,
    b.periodStart,
    b.periodEnd,
    b.magnitude,
    b.magnitudeUnit,
    b.basis,
    b.mechanism,
    b.integrationType,
    b.benefitMask,
    SYNTHETIC_SOURCE_ID,
    [...BENEFIT_LINKAGES],
  ]);
  return batchSize(b);
}
