// The allow-list of tile layers, built once at start-up. A request can only name a layer listed here, and
// each layer's SQL text is assembled here once (templates in sql/queries/tile_*.sql); per request only
// z, x, y (and the zoom band) are bound.
import crypto from 'node:crypto';
import type { Engine } from '../db/database.ts';
import type { VersionDomain } from '../db/data-version.ts';
import { namedQuery } from '../db/sql-files.ts';
import { FLOWS_LAYER, flowFeaturesSql } from './flow-tiles.ts';

export type LayerId = 'counties' | 'townships' | 'villages' | 'seats' | 'flows';
type UnitLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

export interface LayerDefinition {
  id: LayerId;
  description: string;
  kind: 'polygons' | 'points' | 'lines';
  levels: readonly UnitLevel[];
  minzoom: number;
  maxzoom: number;
  fields: Record<string, string>;
  /**
   * The data version the layer's tiles are cached and tagged under: `units` for a layer that draws only units
   * and their generalised shapes (a flow write leaves its tiles valid), `data` for one that draws anything else.
   */
  follows: VersionDomain;
}

export interface TileLayer extends LayerDefinition {
  /** Complete SQL for one tile: $1 z, $2 x, $3 y, and $4 the zoom band for polygon layers (flows: see flow-tiles.ts). */
  sql: string;
  /** Changes whenever the layer's SQL or definition changes, so ETags from an older build never match. */
  fingerprint: string;
  /** Name of the prepared statement for `sql` (see QueryOptions): unique per layer, engine and SQL text. */
  statement: string;
}

export interface LayerRegistry {
  get(id: string): TileLayer | undefined;
  list(): readonly TileLayer[];
}

/** MVT tile extent and buffer; also what tile_encode_*.sql use. */
export const TILE_EXTENT = 4096;

const COMMON_FIELDS = {
  code: 'NBS 12-digit code (the feature id is the same code as a number)',
  name_zh: 'Chinese name',
  name_en: 'Pinyin or English name',
  level: 'province, prefecture, county, township or village',
  parent_code: 'NBS code of the parent unit',
  geom_quality: "surveyed, approximate (e.g. township areas drawn as Voronoi cells of their seats) or none",
  source_id: 'id of the source of the unit (code, name)',
} as const;

const POLYGON_FIELDS = {
  ...COMMON_FIELDS,
  geom_source_id: 'id of the source of the outline, where it differs from source_id (e.g. derived areas)',
} as const;

const POINT_FIELDS = {
  ...COMMON_FIELDS,
  point_basis: 'seat (a published seat), surface (a point on the outline), centroid, or name_match (the point of a same-named unit in an older list)',
  point_source_id: 'id of the source of the point, where it differs from source_id',
} as const;

export const LAYER_DEFINITIONS: readonly LayerDefinition[] = [
  {
    id: 'counties',
    description: 'County-level units (区, 县, 县级市) as polygons, generalised per zoom band with shared edges kept',
    kind: 'polygons',
    levels: ['county'],
    minzoom: 4,
    maxzoom: 14,
    fields: POLYGON_FIELDS,
    follows: 'units',
  },
  {
    id: 'townships',
    description: 'Townships and streets (乡镇, 街道); their areas are approximate where geom_quality says so',
    kind: 'polygons',
    levels: ['township'],
    minzoom: 8,
    maxzoom: 14,
    fields: POLYGON_FIELDS,
    follows: 'units',
  },
  {
    id: 'villages',
    description: 'Villages and communities (村, 社区) that have a known point; most have none',
    kind: 'points',
    levels: ['village'],
    minzoom: 11,
    maxzoom: 14,
    fields: POINT_FIELDS,
    follows: 'units',
  },
  {
    id: 'seats',
    description: 'Seat points of counties and townships, or a stand-in point where point_basis says so',
    kind: 'points',
    levels: ['county', 'township'],
    minzoom: 7,
    maxzoom: 14,
    fields: POINT_FIELDS,
    follows: 'units',
  },
];

/**
 * Every layer the server serves. LAYER_DEFINITIONS above are the boundary layers (what generalisation,
 * the bench tile list and the engine-parity test walk); the flows layer (flow-tiles.ts) reads flows, not
 * shapes, and has its own tests (tests/tiles-flows.test.ts).
 */
export const SERVED_LAYERS: readonly LayerDefinition[] = [...LAYER_DEFINITIONS, FLOWS_LAYER];

function fill(template: string, values: Record<string, string>): string {
  const out = template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`tile SQL template needs {{${key}}}`);
    return v;
  });
  return out;
}

/** Values spliced into SQL come only from the definitions above; still, refuse anything but plain names. */
function sqlName(s: string): string {
  if (!/^[a-z][a-z_]{0,39}$/.test(s)) throw new Error(`unsafe name in tile layer definition: ${s}`);
  return s;
}

export function buildTileSql(def: LayerDefinition, engine: Engine): string {
  const features =
    def.kind === 'lines' ? flowFeaturesSql() : namedQuery(def.kind === 'polygons' ? 'tile_features_polygons' : 'tile_features_points');
  const encode = namedQuery(engine === 'postgis' ? 'tile_encode_mvt' : 'tile_encode_rows');
  return fill(`${features}\n${encode}`, {
    levels: def.levels.map((l) => `'${sqlName(l)}'`).join(', '),
    layer: sqlName(def.id),
    geom_type: { polygons: '3', lines: '2', points: '1' }[def.kind],
    version_column: { units: 'units_version', data: 'version' }[def.follows],
  });
}

export function buildLayerRegistry(engine: Engine, definitions: readonly LayerDefinition[] = SERVED_LAYERS): LayerRegistry {
  const layers = new Map<string, TileLayer>();
  for (const def of definitions) {
    const sql = buildTileSql(def, engine);
    const fingerprint = crypto.createHash('sha256').update(sql).update(JSON.stringify(def)).digest('hex').slice(0, 10);
    layers.set(def.id, { ...def, sql, fingerprint, statement: `tile_${def.id}_${engine}_${fingerprint}` });
  }
  const list = [...layers.values()];
  return {
    get: (id) => layers.get(id),
    list: () => list,
  };
}
