// Builds each flow analysis statement once, from the shared roll-up CTE and named query bodies, so the
// filter and roll-up logic exists in one place (sql/queries/flows_rollup.sql).
import { namedQuery } from '../db/sql-files.ts';

const built = new Map<string, string>();

function once(key: string, make: () => string): string {
  let text = built.get(key);
  if (text === undefined) {
    text = make();
    built.set(key, text);
  }
  return text;
}

/** WITH flows_rollup, then the named bodies in order (the first may add CTEs, the last is the SELECT). */
export function rollupQuery(...bodies: string[]): string {
  return withRollup('flows_rollup', bodies);
}

/**
 * The same statement over flows_rollup_reference.sql, the roll-up computed at request time from flows and
 * unit_rollup (as before migration 009): the reference the stored roll-up (flow_rolled) is checked against.
 */
export function referenceRollupQuery(...bodies: string[]): string {
  return withRollup('flows_rollup_reference', bodies);
}

function withRollup(rollup: string, bodies: string[]): string {
  return once(`${rollup}:${bodies.join('+')}`, () => `WITH ${namedQuery(rollup)}\n${bodies.map((b) => namedQuery(b)).join('\n')}`);
}

/** Named bodies joined as they are, for statements that do not read the roll-up (the balance cube). */
export function composedQuery(...bodies: string[]): string {
  return once(`plain:${bodies.join('+')}`, () => bodies.map((b) => namedQuery(b)).join('\n'));
}
