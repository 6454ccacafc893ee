// GET /api/flows (OD JSON or GeoJSON) and GET /api/flows/vocabulary.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { parseQuery } from '../http/query-params.ts';
import { sendAnswer } from '../analysis/answer-cache.ts';
import { readFlows } from './flow-read.ts';
import { parseFlowQuery } from './flow-params.ts';
import { toGeoJson, toOdJson } from './od-format.ts';
import { requireKnownUnit } from './known-unit.ts';
import { notModified } from './versioned.ts';
import { VOCABULARY_TABLES } from './vocabulary.ts';

export function flowsReadRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/api/flows', async (req, res) => {
    const q = parseFlowQuery(req);
    if (q.scope.unit) await requireKnownUnit(ctx.db, q.scope.unit, 400);
    // A bench server (ATLAS_SHOW_SYNTHETIC) includes synthetic flows and flags every answer, so the map can say so.
    const synthetic = ctx.config.showSynthetic ? { synthetic_included: true } : {};
    const geojson = q.format === 'geojson';
    await sendAnswer(ctx, req, res, async () => {
      const read = await readFlows(ctx.db, { ...q.scope, includeSynthetic: ctx.config.showSynthetic }, { minMagnitude: q.minMagnitude, limit: q.limit });
      return { ...(geojson ? toGeoJson(read, q.scope.level) : toOdJson(read, q.scope.level)), ...synthetic };
    }, geojson ? 'application/geo+json' : 'application/json');
  });

  const vocabularySql = Object.entries(VOCABULARY_TABLES).map(
    ([name, v]) => [name, `SELECT key, name_zh, name_en FROM ${v.table} ORDER BY ${v.table === 'flow_factors' ? 'rank' : 'key'}`] as const,
  );
  r.get('/api/flows/vocabulary', async (req, res) => {
    parseQuery(req, {});
    if (await notModified(ctx, req, res)) return;
    const out: Record<string, unknown> = {};
    for (const [name, sql] of vocabularySql) out[name] = await ctx.db.query(sql);
    res.json(out);
  });
  return r;
}
