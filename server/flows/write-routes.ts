// Authenticated writes: POST/PUT/DELETE for flows, alliances and indicators, a CSV or GeoJSON bulk
// upload for each, and POST /api/sources. Every write runs in one transaction that also bumps the data
// version, so cached tiles and ETags change together with the data, or not at all.
import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { requireScope } from '../auth/bearer.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { allianceKind } from './alliance-records.ts';
import { flowKind } from './flow-records.ts';
import { indicatorKind } from './indicator-records.ts';
import type { RecordKind } from './record-kind.ts';
import { insertRows, validateRows, type RawRow } from './record-store.ts';
import { RowReader, ValidationFailed } from './row-errors.ts';
import { rowsFromCsv, rowsFromGeoJson } from './upload-parse.ts';

export const SINGLE_LIMIT = '64kb';
export const BULK_LIMIT = '10mb';

const ID = /^\d{1,15}$/;

function bodyObject(req: Request): Record<string, unknown> {
  const b = req.body as unknown;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('The body must be a JSON object (Content-Type: application/json).');
  return b as Record<string, unknown>;
}

function idParam(req: Request): number {
  const raw = String(req.params.id);
  if (!ID.test(raw)) throw notFound(`No record has the id ${raw.slice(0, 20)}.`);
  return Number(raw);
}

/** Body-parser failures, in words that say what to do. */
function bodyErrors(limit: string, what: string): ErrorRequestHandler {
  return (err, _req, _res, next) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') {
      return next(new HttpError(413, 'payload_too_large', `The request body is larger than the ${limit} limit for ${what}. Split it into smaller uploads.`));
    }
    if (e?.type === 'entity.parse.failed') return next(badRequest('The request body is not valid JSON.'));
    if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') return next(new HttpError(415, 'unsupported_media_type', 'Send the body as UTF-8.'));
    next(err);
  };
}

/**
 * Runs a write in one transaction. A unique or foreign-key violation that validation could not foresee
 * (a concurrent write of the same record, a unit removed meanwhile) becomes a 409, not a 500.
 */
async function writeTx<R>(ctx: AppContext, fn: (tx: Queryable) => Promise<R>): Promise<R> {
  try {
    return await ctx.db.transaction(fn);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23505' || code === '23503') {
      throw new HttpError(409, 'conflict', 'Another write changed the same records at the same time; nothing was written. Retry.');
    }
    throw err;
  }
}

function recordRoutes<T>(ctx: AppContext, base: string, kind: RecordKind<T>): Router {
  const r = Router();
  const write = requireScope(ctx.config, 'write');
  const single = express.json({ limit: SINGLE_LIMIT, type: ['application/json', 'application/*+json'] });
  const bulkCsv = express.text({ limit: BULK_LIMIT, type: ['text/csv', 'text/plain'] });
  const bulkJson = express.json({ limit: BULK_LIMIT, type: ['application/json', 'application/geo+json'] });

  r.post(`${base}/bulk`, write, bulkCsv, bulkJson, async (req, res) => {
    const type = req.get('content-type') ?? '';
    let rows: RawRow[];
    if (typeof req.body === 'string' && /^(text\/csv|text\/plain)/i.test(type)) rows = rowsFromCsv(req.body, kind.fields);
    else if (/^application\/(geo\+)?json/i.test(type)) rows = rowsFromGeoJson(req.body);
    else throw new HttpError(415, 'unsupported_media_type', 'Upload text/csv, or a GeoJSON FeatureCollection as application/geo+json.');
    if (!rows.length) throw new ValidationFailed([{ row: 0, reason: 'the upload holds no records' }]);
    const result = await writeTx(ctx, async (tx) => {
      const ids = await insertRows(tx, kind, rows);
      return { ids, version: await ctx.dataVersion.bump(tx) };
    });
    res.status(201).json({ inserted: result.ids.length, ids: result.ids.map(String), data_version: result.version });
  });

  r.post(base, write, single, async (req, res) => {
    const raw = bodyObject(req);
    const result = await writeTx(ctx, async (tx) => {
      const [id] = await insertRows(tx, kind, [{ row: 1, raw }]);
      return { record: await kind.get(tx, id!), version: await ctx.dataVersion.bump(tx) };
    });
    res.status(201).location(`${base}/${result.record!.id}`).json({ [kind.noun]: result.record, data_version: result.version });
  });

  r.put(`${base}/:id`, write, single, async (req, res) => {
    const id = idParam(req);
    const raw = bodyObject(req);
    const result = await writeTx(ctx, async (tx) => {
      if (!(await kind.get(tx, id))) throw notFound(`No ${kind.noun} has the id ${id}.`);
      const [value] = await validateRows(tx, kind, [{ row: 1, raw }], { replacingId: id });
      await kind.update(tx, id, value!);
      return { record: await kind.get(tx, id), version: await ctx.dataVersion.bump(tx) };
    });
    res.json({ [kind.noun]: result.record, data_version: result.version });
  });

  r.delete(`${base}/:id`, write, async (req, res) => {
    const id = idParam(req);
    const version = await writeTx(ctx, async (tx) => {
      const gone = await tx.query(`DELETE FROM ${kind.table} WHERE id = $1 AND NOT synthetic RETURNING id`, [id]);
      if (!gone.length) throw notFound(`No ${kind.noun} has the id ${id}.`);
      return ctx.dataVersion.bump(tx);
    });
    res.status(204).set('X-Data-Version', String(version)).end();
  });

  r.use(`${base}/bulk`, bodyErrors(BULK_LIMIT, 'bulk uploads'));
  r.use(base, bodyErrors(SINGLE_LIMIT, `a single ${kind.noun}`));
  return r;
}

const SOURCE_FIELDS = ['id', 'title', 'publisher', 'url', 'licence', 'original_crs', 'retrieved', 'vintage', 'notes'] as const;

function sourceRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/api/sources', requireScope(ctx.config, 'write'), express.json({ limit: SINGLE_LIMIT }), async (req, res) => {
    const reader = new RowReader(bodyObject(req), 1);
    reader.unknownFields(SOURCE_FIELDS);
    const id = reader.required('id', 64);
    if (id !== undefined && !/^[a-z0-9][a-z0-9_.-]{1,63}$/.test(id)) reader.fail('id', 'id must be lower-case letters, digits, . _ - (2–64 characters)');
    const title = reader.required('title', 500);
    const publisher = reader.required('publisher', 300);
    const licence = reader.required('licence', 200);
    const url = reader.text('url', 2000);
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) reader.fail('url', 'url must be an http(s) address');
    const retrieved = reader.text('retrieved', 10);
    if (retrieved !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(retrieved)) reader.fail('retrieved', 'retrieved must be a date YYYY-MM-DD');
    const values = [id, title, publisher, url ?? null, licence, reader.text('original_crs', 60) ?? null, retrieved ?? null, reader.text('vintage', 100) ?? null, reader.text('notes', 4000) ?? null];
    if (reader.errors.length) throw new ValidationFailed(reader.errors);
    const version = await writeTx(ctx, async (tx) => {
      const added = await tx.query(
        `INSERT INTO sources (id, title, publisher, url, licence, original_crs, retrieved, vintage, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
        values,
      );
      if (!added.length) throw new HttpError(409, 'conflict', `A source with the id "${id}" already exists.`);
      return ctx.dataVersion.bump(tx);
    });
    res.status(201).json({ source: { id }, data_version: version });
  });
  r.use('/api/sources', bodyErrors(SINGLE_LIMIT, 'a source'));
  return r;
}

export function writeRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(recordRoutes(ctx, '/api/flows', flowKind));
  r.use(recordRoutes(ctx, '/api/alliances', allianceKind));
  r.use(recordRoutes(ctx, '/api/indicators', indicatorKind));
  r.use(sourceRoutes(ctx));
  return r;
}
