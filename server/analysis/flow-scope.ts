// What a flow analysis looks at: which flows (filters) and at which level of the hierarchy. The same
// scope feeds every query built on sql/queries/flows_rollup.sql, in the parameter order it documents.
import type { Basis, Direction, Factor, Level } from '../flows/vocabulary.ts';

export interface FlowScope {
  /** Roll both ends up to this level; undefined keeps flows as recorded. */
  level?: Level;
  factors?: Factor[];
  bases?: Basis[];
  /** Inclusive ISO dates; a flow matches when its period overlaps [from, to]. */
  from?: string;
  to?: string;
  mechanisms?: string[];
  integrationTypes?: string[];
  benefitLinkages?: string[];
  /** Only flows with an end inside this unit (12-digit code), by direction. */
  unit?: string;
  direction?: Direction;
  /** Benchmark data; the public API never sets this. */
  includeSynthetic?: boolean;
}

const list = (v: readonly string[] | undefined) => (v && v.length ? [...v] : null);

/** $1..$11 of flows_rollup.sql. */
export function scopeParams(s: FlowScope): unknown[] {
  return [
    s.level ?? null,
    list(s.factors),
    list(s.bases),
    s.from ?? null,
    s.to ?? null,
    list(s.mechanisms),
    list(s.integrationTypes),
    list(s.benefitLinkages),
    s.unit ?? null,
    s.direction ?? 'either',
    s.includeSynthetic ?? false,
  ];
}

export const SCOPE_PARAM_COUNT = 11;
