// GeoJSON for administrative units: a filtered, paged list and a single unit with breadcrumb and children.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { namedQuery } from '../db/sql-files.ts';
import { notFound } from '../http/errors.ts';
import { pageLink } from '../http/page-link.ts';
import { parseQuery } from '../http/query-params.ts';
import { sendJson } from '../http/send-json.ts';
import { parseUnitCode } from './unit-code.ts';

const LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
const MAX_LIMIT = 1000;

const listParams = {
  level: { type: 'enum', values: LEVELS },
  parent: { type: 'string', maxLength: 12, pattern: /^\d+$/ },
  bbox: { type: 'bbox' },
  q: { type: 'string', maxLength: 50 },
  limit: { type: 'int', min: 1, max: MAX_LIMIT, default: 100, clamp: true },
  offset: { type: 'int', min: 0, max: 10_000_000, default: 0 },
  geometry: { type: 'enum', values: ['full', 'bbox'] },
} as const;

/** Searches by Chinese name, pinyin or English name, or by a code prefix when q is all digits. */
function searchTerms(q: string | undefined): { text: string | null; codePrefix: string | null } {
  if (!q) return { text: null, codePrefix: null };
  const trimmed = q.trim();
  if (/^\d{1,12}$/.test(trimmed)) return { text: null, codePrefix: trimmed };
  return { text: trimmed.replace(/[\\%_]/g, (c) => `\\${c}`), codePrefix: null };
}

export function unitsRouter(ctx: AppContext): Router {
  const r = Router();
  const sqlList = namedQuery('units_list');
  const sqlGet = namedQuery('units_get');
  const sqlAncestors = namedQuery('units_ancestors');
  const sqlChildren = namedQuery('units_children');

  r.get('/api/units', async (req, res) => {
    const p = parseQuery(req, listParams);
    const parent = p.parent === undefined ? null : parseUnitCode(p.parent, 'parent');
    const { text, codePrefix } = searchTerms(p.q);
    const [w, s, e, n] = p.bbox ?? [null, null, null, null];
    const rows = await ctx.db.query<Record<string, unknown> & { total: number; geometry: unknown; code: string }>(sqlList, [
      p.level ?? null, parent, w, s, e, n, text, codePrefix, p.limit, p.offset, p.geometry === 'bbox',
    ]);
    const total = rows[0]?.total ?? (p.offset > 0 ? await countOnly() : 0);
    async function countOnly(): Promise<number> {
      // The window count is absent when the page is past the end; ask for the count alone.
      const all = await ctx.db.query<{ total: number }>(sqlList, [p.level ?? null, parent, w, s, e, n, text, codePrefix, 1, 0, true]);
      return all[0]?.total ?? 0;
    }
    const links = [{ rel: 'self', href: pageLink(req, { offset: p.offset, limit: p.limit }) }];
    if (p.offset + rows.length < total) links.push({ rel: 'next', href: pageLink(req, { offset: p.offset + p.limit, limit: p.limit }) });
    if (p.offset > 0) links.push({ rel: 'prev', href: pageLink(req, { offset: Math.max(0, p.offset - p.limit), limit: p.limit }) });
    await sendJson(req, res, ctx, {
      type: 'FeatureCollection',
      numberMatched: total,
      numberReturned: rows.length,
      links,
      features: rows.map(({ geometry, total: _t, ...props }) => ({ type: 'Feature', id: props.code, geometry, properties: props })),
    }, 'application/geo+json');
  });

  r.get('/api/units/:code', async (req, res) => {
    parseQuery(req, {});
    const code = parseUnitCode(String(req.params.code));
    const [unit] = await ctx.db.query<Record<string, unknown> & { geometry: unknown }>(sqlGet, [code]);
    if (!unit) throw notFound(`No unit with code ${code}.`);
    const [ancestors, children] = await Promise.all([ctx.db.query(sqlAncestors, [code]), ctx.db.query(sqlChildren, [code])]);
    const { geometry, ...props } = unit;
    await sendJson(req, res, ctx, { unit: props, geometry, ancestors, children });
  });
  return r;
}
