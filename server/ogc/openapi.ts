// The OpenAPI 3.0 document of the OGC API, generated from the collection registry and the items query
// spec, so that every path it lists is a route and every route is listed (a test checks both ways).
import type { Collection } from './collection.ts';
import { featureSchema, LINK_SCHEMA } from './feature-schema.ts';
import { itemsQuerySpec, LIMIT_DEFAULT, LIMIT_MAX, OFFSET_MAX } from './items-query.ts';
import { GEOJSON_TYPE, JSON_TYPE, OPENAPI_TYPE, SCHEMA_TYPE } from './media-types.ts';
import type { Registry } from './registry.ts';

type Obj = Record<string, unknown>;
const ref = (name: string, kind = 'schemas') => ({ $ref: `#/components/${kind}/${name}` });

const errorResponses = {
  '400': ref('BadRequest', 'responses'),
  '500': ref('ServerError', 'responses'),
  '503': ref('Unavailable', 'responses'),
};

function ok(description: string, type: string, schema: Obj): Obj {
  return { description, content: { [type]: { schema } } };
}

/** Documentation of each items parameter; typed by the spec's keys, so adding a parameter forces a doc. */
function itemsParameters(c: Collection): Obj[] {
  const docs: Record<keyof typeof itemsQuerySpec, Obj> = {
    f: ref('f', 'parameters'),
    bbox: ref('bbox', 'parameters'),
    datetime: {
      name: 'datetime',
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: `An RFC 3339 date or date-time, or an interval "start/end" with ".." (or nothing) for an open end. ${c.datetimeMeaning} A date covers its whole day.`,
      schema: { type: 'string' },
    },
    limit: ref('limit', 'parameters'),
    offset: ref('offset', 'parameters'),
  };
  return Object.values(docs);
}

function featureSchemas(c: Collection): Record<string, Obj> {
  const name = schemaName(c);
  return {
    [`${name}Feature`]: featureSchema(c),
    [`${name}FeatureCollection`]: {
      type: 'object',
      required: ['type', 'features', 'numberMatched', 'numberReturned', 'timeStamp', 'links'],
      properties: {
        type: { type: 'string', enum: ['FeatureCollection'] },
        features: { type: 'array', items: ref(`${name}Feature`) },
        links: { type: 'array', items: ref('link') },
        timeStamp: { type: 'string', format: 'date-time' },
        numberMatched: { type: 'integer', minimum: 0 },
        numberReturned: { type: 'integer', minimum: 0 },
      },
    },
  };
}

const schemaName = (c: Collection) => c.id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase());

function collectionPaths(c: Collection): Record<string, Obj> {
  const name = schemaName(c);
  const tags = [c.title];
  return {
    [`/collections/${c.id}`]: {
      get: {
        tags,
        summary: `Describe the ${c.id} collection`,
        operationId: `describe_${c.id}`,
        parameters: [ref('f', 'parameters')],
        responses: { '200': ok(`Metadata of ${c.id}: extent and links.`, JSON_TYPE, ref('collection')), ...errorResponses },
      },
    },
    [`/collections/${c.id}/schema`]: {
      get: {
        tags,
        summary: `Schema of the ${c.id} features`,
        description: 'The schema of one feature (OpenAPI 3.0 dialect), linked from the collection as describedby; GIS clients type their fields from it.',
        operationId: `schema_${c.id}`,
        parameters: [ref('f', 'parameters')],
        responses: { '200': ok(`The schema of a ${c.id} feature.`, SCHEMA_TYPE, { type: 'object' }), ...errorResponses },
      },
    },
    [`/collections/${c.id}/items`]: {
      get: {
        tags,
        summary: `Features of ${c.id}`,
        description: `${c.description} Ordered by id, so limit/offset and the next/prev links page through every feature exactly once.`,
        operationId: `items_${c.id}`,
        parameters: itemsParameters(c),
        responses: { '200': ok(`A page of ${c.id} features.`, GEOJSON_TYPE, ref(`${name}FeatureCollection`)), ...errorResponses },
      },
    },
    [`/collections/${c.id}/items/{featureId}`]: {
      get: {
        tags,
        summary: `One feature of ${c.id}`,
        operationId: `item_${c.id}`,
        parameters: [
          { name: 'featureId', in: 'path', required: true, description: c.featureId.description, schema: { type: c.featureId.type } },
          ref('f', 'parameters'),
        ],
        responses: {
          '200': ok(`The feature.`, GEOJSON_TYPE, ref(`${name}Feature`)),
          '404': ref('NotFound', 'responses'),
          ...errorResponses,
        },
      },
    },
  };
}

const sharedSchemas: Record<string, Obj> = {
  link: LINK_SCHEMA,
  landingPage: {
    type: 'object',
    required: ['links'],
    properties: { title: { type: 'string' }, description: { type: 'string' }, links: { type: 'array', items: ref('link') } },
  },
  confClasses: {
    type: 'object',
    required: ['conformsTo'],
    properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
  },
  extent: {
    type: 'object',
    properties: {
      spatial: {
        type: 'object',
        properties: {
          bbox: { type: 'array', minItems: 1, items: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
          crs: { type: 'string' },
        },
      },
      temporal: {
        type: 'object',
        properties: {
          interval: {
            type: 'array',
            minItems: 1,
            items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', format: 'date-time', nullable: true } },
          },
          trs: { type: 'string' },
        },
      },
    },
  },
  collection: {
    type: 'object',
    required: ['id', 'links'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      itemType: { type: 'string' },
      crs: { type: 'array', items: { type: 'string' } },
      storageCrs: { type: 'string' },
      extent: ref('extent'),
      links: { type: 'array', items: ref('link') },
    },
  },
  collections: {
    type: 'object',
    required: ['links', 'collections'],
    properties: { links: { type: 'array', items: ref('link') }, collections: { type: 'array', items: ref('collection') } },
  },
  exception: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['status', 'code', 'message'],
        properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: {} },
      },
    },
  },
};

const sharedParameters: Record<string, Obj> = {
  f: {
    name: 'f',
    in: 'query',
    required: false,
    description: 'Output format. Only JSON is served (GeoJSON for features); any other value is rejected with 400.',
    schema: { type: 'string', enum: ['json'] },
  },
  bbox: {
    name: 'bbox',
    in: 'query',
    required: false,
    style: 'form',
    explode: false,
    description:
      'Only features whose geometry intersects this box: minLon,minLat,maxLon,maxLat (or six numbers with heights, which are ignored), in CRS84. A west edge east of the east edge crosses the antimeridian. bbox-crs is not supported.',
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
  },
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    style: 'form',
    explode: false,
    description: `Page size. Values above ${LIMIT_MAX} are treated as ${LIMIT_MAX} and values below 1 as 1, not rejected.`,
    schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
  },
  offset: {
    name: 'offset',
    in: 'query',
    required: false,
    description: 'How many features of the ordered result to skip. The next and prev links carry it; clients may follow them instead.',
    schema: { type: 'integer', minimum: 0, maximum: OFFSET_MAX, default: 0 },
  },
};

/** A GET of one of the fixed documents (landing page, conformance, API, collections). */
function capability(summary: string, operationId: string, response: Obj): Obj {
  return { get: { tags: ['Capabilities'], summary, operationId, parameters: [ref('f', 'parameters')], responses: { '200': response, ...errorResponses } } };
}

export function openApiDocument(registry: Registry, serverUrl: string): Obj {
  const collections = [...registry.values()];
  return {
    openapi: '3.0.3',
    info: {
      title: 'Chengxiang Atlas 城乡图谱 — OGC API – Features',
      version: '1.0.0',
      description:
        'Read-only OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the atlas: administrative units and what the atlas records about them. Every feature carries its source and its basis or geometry quality.',
      license: { name: 'Data licences vary by source: see each feature\u2019s source_licence' },
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: 'Capabilities' }, ...collections.map((c) => ({ name: c.title, description: c.description }))],
    paths: {
      '/': capability('Landing page', 'getLandingPage', ok('Links to the API description, conformance and collections.', JSON_TYPE, ref('landingPage'))),
      '/conformance': capability('Conformance classes this server implements', 'getConformanceDeclaration', ok('The conformance classes.', JSON_TYPE, ref('confClasses'))),
      '/api': capability('This OpenAPI document', 'getApiDescription', ok('The OpenAPI 3.0 document.', OPENAPI_TYPE, { type: 'object' })),
      '/collections': capability('The feature collections', 'getCollections', ok('Every collection with its extent and links.', JSON_TYPE, ref('collections'))),
      ...Object.assign({}, ...collections.map(collectionPaths)),
    },
    components: {
      parameters: sharedParameters,
      schemas: { ...sharedSchemas, ...Object.assign({}, ...collections.map(featureSchemas)) },
      responses: {
        BadRequest: ok('A parameter is unknown or malformed; the message says which and why.', JSON_TYPE, ref('exception')),
        NotFound: ok('No such collection or feature.', JSON_TYPE, ref('exception')),
        ServerError: ok('An internal error; no detail is given.', JSON_TYPE, ref('exception')),
        Unavailable: ok('The database is unreachable or the query timed out; retry after Retry-After seconds.', JSON_TYPE, ref('exception')),
      },
    },
  };
}
