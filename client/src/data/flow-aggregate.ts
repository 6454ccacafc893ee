// Keeps tens of thousands of flows drawable: above a cap, flow ends are clustered to a screen-sized grid
// for the current zoom and flows between the same two cells (same factor, basis and unit) are summed;
// if that is still too many, only the largest are kept and the rest are counted for the legend. Units and
// bases are never merged, and a documented flow never gains a figure. Pure: no map, no DOM.
import type { Flow, FlowLocation } from './flow-json.ts';
import { applyFlowFilter, type FlowFilter } from './flow-filter.ts';

export interface AggregateOptions {
  /** MapLibre zoom (512-pixel tiles). */
  zoom: number;
  /** Most flows drawn. */
  cap: number;
  /** Grid cell edge in screen pixels. */
  cellPx?: number;
  /**
   * A unit kept out of the cells (the selected one): its flows keep its own code and point, so they can
   * be highlighted as its flows, and they are kept first under the cap.
   */
  keep?: string | null;
}

export interface Aggregated {
  flows: Flow[];
  locations: Map<string, FlowLocation>;
  /** Flows after clustering that were left out by the cap. */
  hidden: number;
  /** Flows whose two ends fell into one cell: inside a cluster, not drawn as a line. */
  withinCell: number;
  /** Whether ends were clustered (false: the flows are drawn as they came). */
  clustered: boolean;
}

/** Degrees of longitude per cell at this zoom. */
export const cellDegrees = (zoom: number, cellPx = 48): number => (cellPx * 360) / (512 * 2 ** zoom);

export function aggregateForDisplay(flows: readonly Flow[], locations: ReadonlyMap<string, FlowLocation>, o: AggregateOptions): Aggregated {
  if (flows.length <= o.cap) return asDrawn(flows, locations);
  return capMerged(mergeToCells(flows, locations, o), () => true, o);
}

const asDrawn = (flows: readonly Flow[], locations: ReadonlyMap<string, FlowLocation>): Aggregated => ({ flows: [...flows], locations: new Map(locations), hidden: 0, withinCell: 0, clustered: false });

/** Flows merged into grid cells, before any cap: what a factor or basis toggle leaves unchanged. */
interface CellMerge {
  merged: Flow[];
  cells: Map<string, FlowLocation>;
  /** Flows with both ends in one cell, by `factor|basis`. */
  within: Map<string, number>;
}

function mergeToCells(flows: readonly Flow[], locations: ReadonlyMap<string, FlowLocation>, o: AggregateOptions): CellMerge {
  const size = cellDegrees(o.zoom, o.cellPx);
  const cellOf = new Map<string, string>();
  const members = new Map<string, FlowLocation[]>();
  for (const l of [...locations.values()].sort((a, b) => byId(a.id, b.id))) {
    const key = l.id === o.keep ? l.id : `cell:${Math.floor(l.lon / size)}:${Math.floor(l.lat / size)}`;
    cellOf.set(l.id, key);
    const list = members.get(key);
    if (list) list.push(l);
    else members.set(key, [l]);
  }
  const cells = new Map<string, FlowLocation>();
  for (const [key, list] of members) {
    const first = list[0]!;
    const n = list.length;
    cells.set(key, {
      id: key,
      nameZh: n === 1 ? first.nameZh : `${first.nameZh} 等 ${n} 处`,
      nameEn: n === 1 ? first.nameEn : `${first.nameEn ?? first.nameZh} and ${n - 1} more`,
      lon: list.reduce((a, l) => a + l.lon, 0) / n,
      lat: list.reduce((a, l) => a + l.lat, 0) / n,
    });
  }
  const merged = new Map<string, Flow>();
  const copied = new Set<Flow>();
  const within = new Map<string, number>();
  for (const f of flows) {
    const o1 = cellOf.get(f.origin);
    const d1 = cellOf.get(f.dest);
    if (!o1 || !d1) continue;
    if (o1 === d1) {
      const k = `${f.factor}|${f.basis}`;
      within.set(k, (within.get(k) ?? 0) + 1);
      continue;
    }
    const id = `${o1}>${d1}|${f.factor}|${f.basis}|${f.unit ?? 'none'}`;
    const m = merged.get(id);
    if (!m) {
      // The lists stay the first flow's until a second one merges in (most cell pairs hold one flow).
      merged.set(id, { ...f, id, origin: o1, dest: d1 });
      continue;
    }
    if (!copied.has(m)) {
      m.mechanisms = [...m.mechanisms];
      m.sources = [...m.sources];
      copied.add(m);
    }
    if (m.magnitude !== null && f.magnitude !== null) m.magnitude += f.magnitude;
    m.count += f.count;
    for (const x of f.mechanisms) if (!m.mechanisms.includes(x)) m.mechanisms.push(x);
    for (const x of f.sources) if (!m.sources.includes(x)) m.sources.push(x);
    if (f.periodStart && m.periodStart && f.periodStart < m.periodStart) m.periodStart = f.periodStart;
    if (f.periodEnd && m.periodEnd && f.periodEnd > m.periodEnd) m.periodEnd = f.periodEnd;
    if (m.periodStart && m.periodEnd) m.period = `${m.periodStart.slice(0, 4)}/${m.periodEnd.slice(0, 4)}`;
  }
  return { merged: [...merged.values()], cells, within };
}

/** The merged flows a factor/basis test lets through, the selected unit's first, at most `cap`. */
function capMerged(m: CellMerge, pass: (f: Pick<Flow, 'factor' | 'basis'>) => boolean, o: AggregateOptions): Aggregated {
  const all = m.merged.filter(pass);
  let withinCell = 0;
  for (const [k, n] of m.within) {
    const [factor, basis] = k.split('|') as [string, Flow['basis']];
    if (pass({ factor, basis })) withinCell += n;
  }
  const own = o.keep ? all.filter((f) => f.origin === o.keep || f.dest === o.keep) : [];
  const rest = own.length ? all.filter((f) => f.origin !== o.keep && f.dest !== o.keep) : all;
  const kept = [...topByWeight(own, o.cap), ...topByWeight(rest, Math.max(0, o.cap - own.length))];
  return { flows: kept, locations: m.cells, hidden: all.length - kept.length, withinCell, clustered: true };
}

/**
 * aggregateForDisplay for a filter over one answer, keeping the merge into cells between calls: merged
 * flows keep their factor and basis, so toggling one only filters the merge again, which at village level
 * (tens of thousands of flows) saves most of a filter click's script. The merge is made again when the
 * answer, the locations, the minimum magnitude (it acts on single flows, before merging), the grid or the
 * kept unit change. Gives what aggregateForDisplay(applyFlowFilter(all, filter), …) gives.
 */
export function createAggregator(): (all: readonly Flow[], shown: readonly Flow[], filter: FlowFilter, locations: ReadonlyMap<string, FlowLocation>, o: AggregateOptions) => Aggregated {
  let memo: { all: readonly Flow[]; locations: ReadonlyMap<string, FlowLocation>; min: number; zoom: number; cellPx?: number; keep: string | null; merge: CellMerge } | null = null;
  return (all, shown, filter, locations, o) => {
    if (shown.length <= o.cap) return asDrawn(shown, locations);
    const keep = o.keep ?? null;
    if (!memo || memo.all !== all || memo.locations !== locations || memo.min !== filter.minMagnitude || memo.zoom !== o.zoom || memo.cellPx !== o.cellPx || memo.keep !== keep) {
      const bySize = applyFlowFilter(all, { factors: new Set(all.map((f) => f.factor)), bases: new Set(all.map((f) => f.basis)), minMagnitude: filter.minMagnitude });
      memo = { all, locations, min: filter.minMagnitude, zoom: o.zoom, cellPx: o.cellPx, keep, merge: mergeToCells(bySize, locations, o) };
    }
    return capMerged(memo.merge, (f) => filter.factors.has(f.factor) && filter.bases.has(f.basis), o);
  };
}

/**
 * The `cap` heaviest flows. Figures in different units cannot be compared, so each flow is weighed by its
 * share of the largest figure in its own unit; documented flows by their share of the largest count.
 */
/** The same order as String.prototype.localeCompare, without setting up a comparison each call. */
const byId = new Intl.Collator().compare;

export function topByWeight(flows: Flow[], cap: number): Flow[] {
  if (flows.length <= cap) return flows;
  const max = new Map<string, number>();
  const keyOf = (f: Flow) => (f.magnitude === null ? '#count' : (f.unit ?? '#none'));
  const value = (f: Flow) => (f.magnitude === null ? f.count : f.magnitude);
  for (const f of flows) max.set(keyOf(f), Math.max(max.get(keyOf(f)) ?? 0, value(f)));
  // Weighed once per flow, not per comparison, and ties by one collator: tens of thousands of flows are
  // sorted on every filter click at village level (docs/client-flows.md, "Session 5").
  const weight = new Float64Array(flows.length);
  flows.forEach((f, i) => (weight[i] = value(f) / (max.get(keyOf(f)) || 1)));
  const order = Array.from(flows.keys()).sort((a, b) => weight[b]! - weight[a]! || byId(flows[a]!.id, flows[b]!.id));
  return order.slice(0, cap).map((i) => flows[i]!);
}
