// Which balance requests the pre-aggregated cube (balance_cube, sql/migrations/003_flow_aggregates.sql) can
// answer exactly: it keeps level (province, prefecture, county), factor, basis, period and the synthetic
// flag, and nothing else. Anything finer or any other filter goes to the exact path over the flows.
import type { FlowScope } from './flow-scope.ts';

const CUBE_LEVELS: ReadonlySet<string> = new Set(['province', 'prefecture', 'county']);

export function canUseCube(scope: FlowScope): boolean {
  return (
    scope.level !== undefined &&
    CUBE_LEVELS.has(scope.level) &&
    !scope.mechanisms?.length &&
    !scope.integrationTypes?.length &&
    !scope.benefitLinkages?.length &&
    scope.unit === undefined
  );
}
