// The flows tile layer: lines between the representative points of each flow's two ends, rolled up through
// the hierarchy by zoom (county for z ≤ 7, township for 8–10, each flow as recorded from 11). The lines are
// precomputed per level in flow_lines (sql/migrations/003_flow_aggregates.sql) with the same roll-up as
// sql/queries/flows_rollup.sql, so a flow inside one unit at the drawn level is internal to it exactly as in
// /api/flows and /api/balance; internal flows are left out of the tile rather than drawn as zero-length
// self-loops. A tile reads only the lines that cross it, whatever the number of flows elsewhere, and only
// those its zoom draws: each feature has a min_zoom (sql/migrations/006_flow_lines_min_zoom.sql) that keeps
// at most 1,200 features per cell (a tile one zoom out), observed before documented before modelled, the
// heaviest first, and a tile draws at most 2,000 features in that order (sql/migrations/007_flow_tile_lines.sql
// stores the features ready to draw, with the lines cut into pieces for the index).
import { namedQuery } from '../db/sql-files.ts';
import type { Level } from '../flows/vocabulary.ts';
import type { LayerDefinition } from './layers.ts';

/** The zoom bands of the flows layer; undefined means every flow as recorded. */
export function flowLevelForZoom(z: number): Level | undefined {
  if (z <= 7) return 'county';
  if (z <= 10) return 'township';
  return undefined;
}

export const FLOWS_LAYER: LayerDefinition = {
  id: 'flows',
  description:
    'Factor flows as lines between the ends’ representative points: summed per county pair up to z7, per township pair at z8–10, each recorded flow from z11; flows internal to one unit at that level are not drawn; where a cell (a tile one zoom out) holds more than 1,200 features only the 1,200 first (observed, documented, then modelled; heaviest first) are drawn, and a tile holds at most 2,000 features, the first in the same order; synthetic (benchmark) flows never',
  kind: 'lines',
  levels: ['province', 'prefecture', 'county', 'township', 'village'],
  minzoom: 4,
  maxzoom: 14,
  fields: {
    origin: 'NBS code of the origin unit at the drawn level',
    dest: 'NBS code of the destination unit at the drawn level',
    origin_name: 'Chinese name of the origin unit',
    dest_name: 'Chinese name of the destination unit',
    factor: 'labour, land, capital, technology, data or ecology',
    basis: 'observed, documented or modelled; an aggregate never mixes bases',
    magnitude: 'sum of the flows in `unit`; absent for documented flows, which carry no figure',
    unit: 'canonical unit of measure of magnitude (persons, cny_10k, hectares, …); an aggregate never mixes units',
    count: 'number of recorded flows in the feature',
    level: 'county or township (aggregated) or recorded (one flow as stored; the feature id is its id)',
    sources: 'ids of the sources behind the feature, comma-separated',
  },
  follows: 'data',
};

/** The features CTEs of the layer. Bound per tile: $1 level ('county', 'township', 'recorded'), $2 include
 * synthetic flows (never, when served), $3 z, $4 x, $5 y. */
export function flowFeaturesSql(): string {
  return `WITH ${namedQuery('tile_features_flows')}`;
}

export function flowTileParams(z: number, x: number, y: number, includeSynthetic = false): unknown[] {
  return [flowLevelForZoom(z) ?? 'recorded', includeSynthetic, z, x, y];
}
