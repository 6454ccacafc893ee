// GET /api/alliances (JSON or GeoJSON lines between the paired units) and GET /api/indicators.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { namedQuery } from '../db/sql-files.ts';
import { parseQuery } from '../http/query-params.ts';
import { toCode12 } from './codes.ts';
import { readSources } from './flow-read.ts';
import { levelSpec } from './flow-params.ts';
import { requireKnownUnit } from './known-unit.ts';
import { notModified } from './versioned.ts';
import { INDICATOR_KEYS, PROGRAMMES } from './vocabulary.ts';

const CODE = /^(\d{6}|\d{9}|\d{12})$/;

interface AllianceRow {
  id: number;
  programme: string;
  programme_zh: string;
  programme_en: string;
  a_code: string;
  a_name_zh: string;
  a_name_en: string | null;
  a_level: string;
  a_geom_quality: string;
  a_role: string;
  a_lon: number | null;
  a_lat: number | null;
  b_code: string;
  b_name_zh: string;
  b_name_en: string | null;
  b_level: string;
  b_geom_quality: string;
  b_role: string;
  b_lon: number | null;
  b_lat: number | null;
  start_year: number | null;
  end_year: number | null;
  name_zh: string | null;
  source_id: string;
  note: string | null;
}

function allianceJson(a: AllianceRow) {
  const side = (p: 'a' | 'b') => ({
    code: a[`${p}_code`],
    name_zh: a[`${p}_name_zh`],
    name_en: a[`${p}_name_en`],
    level: a[`${p}_level`],
    // Says whether the map draws the unit's area; a partner with none (e.g. a county in Sichuan) needs a label.
    geom_quality: a[`${p}_geom_quality`],
    role: a[`${p}_role`],
    lon: a[`${p}_lon`],
    lat: a[`${p}_lat`],
  });
  return {
    id: String(a.id),
    programme: a.programme,
    programme_zh: a.programme_zh,
    programme_en: a.programme_en,
    a: side('a'),
    b: side('b'),
    start_year: a.start_year,
    end_year: a.end_year,
    name_zh: a.name_zh,
    source: a.source_id,
    note: a.note,
  };
}

export function allianceIndicatorRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/api/alliances', async (req, res) => {
    const q = parseQuery(req, {
      programme: { type: 'enumList', values: PROGRAMMES },
      unit: { type: 'string', maxLength: 12, pattern: CODE },
      year: { type: 'int', min: 1949, max: 2100 },
      f: { type: 'enum', values: ['json', 'geojson'], default: 'json' },
    });
    const unit = q.unit ? toCode12(q.unit)! : null;
    if (unit) await requireKnownUnit(ctx.db, unit, 400);
    if (await notModified(ctx, req, res)) return;
    const rows = await ctx.db.query<AllianceRow>(namedQuery('alliances_list'), [q.programme ?? null, unit, q.year ?? null, false]);
    const sources = Object.fromEntries((await readSources(ctx.db, rows.map((a) => a.source_id))).map((s) => [s.id, s]));
    const alliances = rows.map(allianceJson);
    if (q.f === 'geojson') {
      const features = alliances.map((a) => ({
        type: 'Feature' as const,
        id: a.id,
        geometry:
          a.a.lon != null && a.a.lat != null && a.b.lon != null && a.b.lat != null
            ? { type: 'LineString' as const, coordinates: [[a.a.lon, a.a.lat], [a.b.lon, a.b.lat]] }
            : null,
        properties: a,
      }));
      res.type('application/geo+json').send(JSON.stringify({ type: 'FeatureCollection', features, sources }));
      return;
    }
    res.json({ alliances, sources });
  });

  r.get('/api/indicators', async (req, res) => {
    const q = parseQuery(req, {
      unit: { type: 'string', maxLength: 12, pattern: CODE },
      parent: { type: 'string', maxLength: 12, pattern: CODE },
      level: levelSpec,
      indicator: { type: 'enumList', values: INDICATOR_KEYS },
      from: { type: 'int', min: 1949, max: 2100 },
      to: { type: 'int', min: 1949, max: 2100 },
      limit: { type: 'int', min: 1, max: 5000, default: 1000, clamp: true },
      offset: { type: 'int', min: 0, max: 10_000_000, default: 0 },
    });
    const unit = q.unit ? toCode12(q.unit)! : null;
    const parent = q.parent ? toCode12(q.parent)! : null;
    if (await notModified(ctx, req, res)) return;
    const rows = await ctx.db.query<Record<string, unknown> & { total: number; source_id: string; id: number }>(namedQuery('indicators_list'), [
      unit,
      parent,
      q.level ?? null,
      q.indicator ?? null,
      q.from ?? null,
      q.to ?? null,
      q.limit,
      q.offset,
    ]);
    const sources = Object.fromEntries((await readSources(ctx.db, rows.map((x) => x.source_id))).map((s) => [s.id, s]));
    res.json({
      total: rows[0]?.total ?? 0,
      limit: q.limit,
      offset: q.offset,
      indicators: rows.map(({ total: _t, ...rest }) => ({ ...rest, id: String(rest.id) })),
      sources,
    });
  });
  return r;
}
