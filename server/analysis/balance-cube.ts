// Which balance requests a pre-aggregated cube can answer exactly. balance_cube (sql/migrations/003) keeps
// level (province, prefecture, county), factor, basis, period and the synthetic flag; balance_qualifier_cube
// (011) keeps the same without periods, once per mechanism, integration type and benefit linkage. Anything
// finer, any other filter or any combination of qualifiers goes to the exact path over the flows.
import type { FlowScope } from './flow-scope.ts';

const CUBE_LEVELS: ReadonlySet<string> = new Set(['province', 'prefecture', 'county']);

const count = (v: readonly string[] | undefined) => v?.length ?? 0;

export function canUseCube(scope: FlowScope): boolean {
  return (
    scope.level !== undefined &&
    CUBE_LEVELS.has(scope.level) &&
    !count(scope.mechanisms) &&
    !count(scope.integrationTypes) &&
    !count(scope.benefitLinkages) &&
    scope.unit === undefined
  );
}

/**
 * One kind of qualifier, all periods, no unit. Mechanisms or integration types may list several values (a
 * flow has at most one of each, so their sums add up); benefit linkages only one, since a flow naming two
 * of the linkages asked for would be counted under both.
 */
export function canUseQualifierCube(scope: FlowScope): boolean {
  const kinds = [count(scope.mechanisms), count(scope.integrationTypes), count(scope.benefitLinkages)].filter((n) => n > 0);
  return (
    scope.level !== undefined &&
    CUBE_LEVELS.has(scope.level) &&
    kinds.length === 1 &&
    count(scope.benefitLinkages) <= 1 &&
    !scope.from &&
    !scope.to &&
    !scope.unit
  );
}
