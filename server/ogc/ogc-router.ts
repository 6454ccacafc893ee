// OGC API – Features, Part 1 (Core, GeoJSON, OpenAPI 3.0), read-only, under /ogc. Routes are registered
// per collection from the registry built at start-up, so an unknown collection never reaches SQL.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { pageLink } from '../http/page-link.ts';
import { parseQuery } from '../http/query-params.ts';
import { requestOrigin } from '../http/request-origin.ts';
import { itemsParams, type Collection, type ItemRow } from './collection.ts';
import { extentCache } from './extents.ts';
import { featureSchema } from './feature-schema.ts';
import { formatParam, parseItemsQuery } from './items-query.ts';
import { CONFORMANCE, CRS84, GEOJSON_TYPE, JSON_TYPE, OGC_ROOT, OPENAPI_TYPE, SCHEMA_TYPE } from './media-types.ts';
import { openApiDocument } from './openapi.ts';
import { buildRegistry } from './registry.ts';
import { sendOgc } from './send-ogc.ts';

/** Absolute URLs: GDAL and other clients follow links as given, and a relative href breaks some of them. */
const rootUrl = (req: Request) => `${requestOrigin(req)}${OGC_ROOT}`;

const onlyFormat = (req: Request) => parseQuery(req, { f: formatParam });

export function ogcRouter(ctx: AppContext): Router {
  const registry = buildRegistry();
  const extentOf = extentCache(ctx);
  const r = Router();

  async function collectionInfo(req: Request, c: Collection) {
    const href = `${rootUrl(req)}/collections/${c.id}`;
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      storageCrs: CRS84,
      extent: await extentOf(c),
      links: [
        { rel: 'self', type: JSON_TYPE, title: c.title, href },
        { rel: 'items', type: GEOJSON_TYPE, title: `${c.title}: features`, href: `${href}/items` },
        { rel: 'describedby', type: SCHEMA_TYPE, title: `${c.title}: feature schema`, href: `${href}/schema` },
        // The same link again: relation names are case-insensitive (RFC 8288), but GDAL 3.6 (Debian 12) only
        // looks for this spelling, and without the schema it guesses field types from the first page.
        { rel: 'describedBy', type: SCHEMA_TYPE, title: `${c.title}: feature schema`, href: `${href}/schema` },
      ],
    };
  }

  r.get(OGC_ROOT, async (req, res) => {
    onlyFormat(req);
    const root = rootUrl(req);
    await sendOgc(req, res, ctx, {
      title: 'Chengxiang Atlas 城乡图谱 — OGC API – Features',
      description:
        'The atlas as OGC API – Features collections (GeoJSON, read-only): administrative units by level, factor flows, alliances and indicators, each feature with its source.',
      links: [
        { rel: 'self', type: JSON_TYPE, title: 'This document', href: root },
        { rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.0)', href: `${root}/api` },
        { rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes', href: `${root}/conformance` },
        { rel: 'data', type: JSON_TYPE, title: 'Collections', href: `${root}/collections` },
      ],
    }, JSON_TYPE);
  });

  r.get(`${OGC_ROOT}/conformance`, async (req, res) => {
    onlyFormat(req);
    await sendOgc(req, res, ctx, { conformsTo: CONFORMANCE }, JSON_TYPE);
  });

  r.get(`${OGC_ROOT}/api`, async (req, res) => {
    onlyFormat(req);
    await sendOgc(req, res, ctx, openApiDocument(registry, rootUrl(req)), OPENAPI_TYPE);
  });

  r.get(`${OGC_ROOT}/collections`, async (req, res) => {
    onlyFormat(req);
    const href = `${rootUrl(req)}/collections`;
    await sendOgc(req, res, ctx, {
      links: [{ rel: 'self', type: JSON_TYPE, title: 'Collections', href }],
      collections: await Promise.all([...registry.values()].map((c) => collectionInfo(req, c))),
    }, JSON_TYPE);
  });

  // Before the per-collection routes: a name outside the allow-list gets a 404 that lists the real ones.
  r.use(`${OGC_ROOT}/collections/:collectionId`, (req, _res, next) => {
    const id = String(req.params.collectionId);
    if (!registry.has(id)) {
      throw notFound(`No collection "${id.slice(0, 60)}". Collections: ${[...registry.keys()].join(', ')}.`);
    }
    next();
  });

  for (const c of registry.values()) {
    const base = `${OGC_ROOT}/collections/${c.id}`;

    r.get(base, async (req, res) => {
      onlyFormat(req);
      await sendOgc(req, res, ctx, await collectionInfo(req, c), JSON_TYPE);
    });

    r.get(`${base}/schema`, async (req, res) => {
      onlyFormat(req);
      const schema = { $id: `${rootUrl(req)}/collections/${c.id}/schema`, ...featureSchema(c) };
      await sendOgc(req, res, ctx, schema, SCHEMA_TYPE);
    });

    r.get(`${base}/items`, async (req, res) => {
      const filter = parseItemsQuery(req);
      const rows = await ctx.db.query<ItemRow>(c.sql.items, itemsParams(filter));
      const matched = rows[0]?.total ?? 0;
      const features = rows
        .filter((row) => row.id !== null)
        .map((row) => ({ type: 'Feature', id: row.id, geometry: row.geometry, properties: { ...row.properties, ...row.source } }));
      const { limit, offset } = filter;
      const links = [
        { rel: 'self', type: GEOJSON_TYPE, title: 'This page', href: pageLink(req, { limit, offset }) },
        { rel: 'collection', type: JSON_TYPE, title: c.title, href: `${rootUrl(req)}/collections/${c.id}` },
      ];
      if (offset + features.length < matched) {
        links.push({ rel: 'next', type: GEOJSON_TYPE, title: 'Next page', href: pageLink(req, { limit, offset: offset + limit }) });
      }
      if (offset > 0) {
        links.push({ rel: 'prev', type: GEOJSON_TYPE, title: 'Previous page', href: pageLink(req, { limit, offset: Math.max(0, offset - limit) }) });
      }
      await sendOgc(req, res, ctx, {
        type: 'FeatureCollection',
        timeStamp: '',
        numberMatched: matched,
        numberReturned: features.length,
        links,
        features,
      }, GEOJSON_TYPE);
    });

    r.get(`${base}/items/:featureId`, async (req, res) => {
      onlyFormat(req);
      const raw = String(req.params.featureId);
      const id = c.featureId.parse(raw);
      // A text that cannot be an id here names no feature: 404 as for any missing one, without a query.
      if (id === null) throw notFound(`No feature "${raw.slice(0, 40)}" in ${c.id}: ids are ${c.featureId.description}`);
      const filter = { bbox: null, datetime: null, limit: 1, offset: 0 };
      const [row] = await ctx.db.query<ItemRow>(c.sql.items, itemsParams(filter, id));
      if (!row || row.id === null) throw notFound(`No feature ${raw} in ${c.id}.`);
      const href = `${rootUrl(req)}/collections/${c.id}`;
      await sendOgc(req, res, ctx, {
        type: 'Feature',
        id: row.id,
        geometry: row.geometry,
        properties: { ...row.properties, ...row.source },
        links: [
          { rel: 'self', type: GEOJSON_TYPE, title: 'This feature', href: `${href}/items/${encodeURIComponent(String(row.id))}` },
          { rel: 'collection', type: JSON_TYPE, title: c.title, href },
        ],
      }, GEOJSON_TYPE);
    });
  }
  return r;
}
