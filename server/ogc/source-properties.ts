// The provenance every OGC feature carries (joined in sql/queries/ogc_items.sql), flattened into plain
// properties so that GIS clients (GDAL, QGIS) keep it as ordinary columns.
import type { PropertyDoc } from './collection.ts';

export const SOURCE_PROPERTIES: Record<string, PropertyDoc> = {
  source_id: { type: 'string', description: 'Id of the source record.' },
  source_title: { type: 'string', description: 'Title of the source.' },
  source_publisher: { type: 'string', description: 'Publisher of the source.' },
  source_url: { type: 'string', nullable: true, description: 'Where the source can be found.' },
  source_licence: { type: 'string', description: 'Licence of the source.' },
  source_original_crs: { type: 'string', nullable: true, description: 'CRS the source was published in (converted to WGS 84 on import); null for sources without coordinates.' },
};

/** The id of a row in a table keyed by a generated bigint: digits only, within JavaScript's safe range. */
export function parseBigintId(raw: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}
