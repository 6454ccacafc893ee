// What the OGC router needs to know about one collection. The set of collections is fixed in code (see
// registry.ts), so collection ids are an allow-list and every SQL text is read once at start-up; only
// values are bound per request.
import type { BboxFilter } from './bbox.ts';
import type { TimeInterval } from './datetime.ts';

/** A feature property as documented in the OpenAPI schema; the tests check features carry exactly these. */
export interface PropertyDoc {
  type: 'string' | 'number' | 'integer';
  description: string;
  nullable?: boolean;
  enum?: readonly string[];
  /** e.g. 'date' for YYYY-MM-DD text, which GIS clients then read as a date. */
  format?: 'date';
}

export interface ItemsFilter {
  bbox: BboxFilter | null;
  datetime: TimeInterval | null;
  limit: number;
  offset: number;
}

/** One row of an items query: the total matched comes with every row (and alone when the page is empty). */
export interface ItemRow {
  total: number;
  id: string | number | null;
  geometry: unknown;
  properties: Record<string, unknown> | null;
  /** The source_* fields, joined by the shared template for every collection. */
  source: Record<string, unknown> | null;
}

export interface ExtentRow {
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
  tmin: string | null;
  tmax: string | null;
}

export interface Collection {
  id: string;
  title: string;
  description: string;
  /** GeoJSON geometry types the features may have; a feature's geometry may also be null. */
  geometryTypes: readonly string[];
  /** How `datetime` selects features of this collection, for the OpenAPI document and docs/ogc.md. */
  datetimeMeaning: string;
  properties: Record<string, PropertyDoc>;
  featureId: {
    description: string;
    type: 'string' | 'integer';
    /** Returns the value to bind, or null when the text can name no feature here (answered with 404). */
    parse(raw: string): string | number | null;
  };
  /** Built once by collectionSql(): bind itemsParams() to `items`; `extent` takes no parameters. */
  sql: { items: string; extent: string };
}

/** The values an items query binds, in the order sql/queries/ogc_items.sql documents. */
export function itemsParams(f: ItemsFilter, featureId: string | number | null = null): unknown[] {
  const [a, b] = f.bbox?.boxes ?? [];
  return [
    a?.[0] ?? null, a?.[1] ?? null, a?.[2] ?? null, a?.[3] ?? null,
    b?.[0] ?? null, b?.[2] ?? null,
    f.datetime?.start ?? null, f.datetime?.end ?? null,
    f.limit, f.offset,
    featureId,
  ];
}
