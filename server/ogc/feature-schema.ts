// The schema of one collection's features, generated from its property docs. The OpenAPI document uses it
// for responses, and /collections/{id}/schema serves it on its own, because GDAL types its fields from it
// (a `describedBy` link) instead of guessing from the first page, where an all-null column would become
// text and a column of whole numbers would truncate later decimals. Written in the OpenAPI 3.0 dialect
// (`nullable`), which is what GDAL's OAPIF driver reads.
import type { Collection, PropertyDoc } from './collection.ts';

type Obj = Record<string, unknown>;

export const LINK_SCHEMA = {
  type: 'object',
  required: ['href', 'rel'],
  properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } },
};

export const GEOMETRY_SCHEMA = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] },
    coordinates: { type: 'array', items: {} },
  },
};

function propertySchema(p: PropertyDoc): Obj {
  return {
    type: p.type,
    description: p.description,
    ...(p.format ? { format: p.format } : {}),
    ...(p.nullable ? { nullable: true } : {}),
    ...(p.enum ? { enum: [...p.enum] } : {}),
  };
}

export function featureSchema(c: Collection): Obj {
  return {
    type: 'object',
    title: `${c.title}: feature`,
    required: ['type', 'id', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: c.featureId.type, description: c.featureId.description },
      geometry: { ...GEOMETRY_SCHEMA, nullable: true, description: `GeoJSON geometry in CRS84: ${c.geometryTypes.join(' or ')}, or null.` },
      properties: {
        type: 'object',
        required: Object.keys(c.properties),
        properties: Object.fromEntries(Object.entries(c.properties).map(([k, p]) => [k, propertySchema(p)])),
      },
      links: { type: 'array', items: LINK_SCHEMA },
    },
  };
}
