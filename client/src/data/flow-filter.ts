// Which flows are drawn: the factor toggles, the basis checkboxes and the minimum magnitude. Documented
// flows have no figure, so a minimum magnitude never hides them (the API does the same).
import type { Basis, Flow } from './flow-json.ts';

export interface FlowFilter {
  factors: ReadonlySet<string>;
  bases: ReadonlySet<Basis>;
  /** Compared with each flow's figure in its own (canonical) unit; 0 keeps everything. */
  minMagnitude: number;
}

export function applyFlowFilter(flows: readonly Flow[], f: FlowFilter): Flow[] {
  return flows.filter(
    (x) => f.factors.has(x.factor) && f.bases.has(x.basis) && (x.magnitude === null || x.magnitude >= f.minMagnitude),
  );
}
