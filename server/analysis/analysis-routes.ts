// GET /api/balance, GET /api/balance/core-periphery and GET /api/units/{code}/corridors.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { badRequest } from '../http/errors.ts';
import { parseQuery } from '../http/query-params.ts';
import { toCode12 } from '../flows/codes.ts';
import { levelSpec, scopeSpecs, toScope, unitSpecs } from '../flows/flow-params.ts';
import { readSources } from '../flows/flow-read.ts';
import { requireKnownUnit } from '../flows/known-unit.ts';
import { LEVELS, type Level } from '../flows/vocabulary.ts';
import { sendAnswer } from './answer-cache.ts';
import { corePeriphery, corridors, unitBalance, unitBalanceRowsText, unitBalanceSeriesText } from './balance.ts';
import { JsonText, objectJsonText } from './json-text.ts';

const CODE_LIST = /^(\d{6}|\d{9}|\d{12})(,(\d{6}|\d{9}|\d{12})){0,499}$/;

const yearOf = (date: string | undefined) => (date ? Number(date.slice(0, 4)) : undefined);

function filtersEcho(scope: ReturnType<typeof toScope>) {
  return {
    factors: scope.factors ?? null,
    bases: scope.bases ?? null,
    from: scope.from ?? null,
    to: scope.to ?? null,
    mechanisms: scope.mechanisms ?? null,
    integration_types: scope.integrationTypes ?? null,
    benefit_linkages: scope.benefitLinkages ?? null,
    unit: scope.unit ?? null,
    direction: scope.unit ? scope.direction : null,
  };
}

const BALANCE_NOTES = [
  'Magnitudes are summed per factor, basis and canonical unit only; different units and bases are never added together.',
  'Documented flows have no magnitude: their rows give counts and null sums.',
  'Flows inside a unit are reported as internal, not as inflow or outflow.',
];
const SERIES_NOTE =
  'Series: code[i] has inflow[i], outflow[i], internal[i] and the counts at i; net = inflow - outflow, net per resident = net / units[code].population.';

// Flows across a scope unit's edge, by the group of their inside end (answers with `unit` only; docs/flows.md).
const CROSSING_WAYS = ['core_to_outside', 'outside_to_core', 'periphery_to_outside', 'outside_to_periphery'] as const;
const crossingOf = (got: Record<string, number | null> | null, value: (v: number | null) => number | null) =>
  Object.fromEntries(CROSSING_WAYS.map((way) => [way, value(got?.[way] ?? null)]));

export function analysisRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/api/balance', async (req, res) => {
    const q = parseQuery(req, {
      level: { ...levelSpec, default: 'county' },
      ...scopeSpecs,
      ...unitSpecs,
      population_year: { type: 'int', min: 1949, max: 2100 },
      layout: { type: 'enum', values: ['rows', 'series'], default: 'rows' },
    });
    const scope = { ...toScope(q), level: q.level as Level, includeSynthetic: ctx.config.showSynthetic };
    if (scope.unit) await requireKnownUnit(ctx.db, scope.unit, 400);
    await sendAnswer(ctx, req, res, async () => {
      // Per resident of the period asked about: by default the latest population up to the range's end.
      const year = q.population_year ?? yearOf(scope.to);
      const head = { level: scope.level, ...(ctx.config.showSynthetic ? { synthetic_included: true } : {}), filters: filtersEcho(scope) };
      if (q.layout === 'series') {
        // Each unit once and one series per factor, basis and unit: the national county answer in an eighth of the bytes (docs/bench-national.md).
        // Written by the database and passed through as text (json-text.ts).
        const answer = await unitBalanceSeriesText(ctx.db, scope, year);
        const sources = await readSources(ctx.db, answer.sources);
        return objectJsonText({
          ...head,
          layout: 'series',
          units: new JsonText(answer.units),
          series: new JsonText(answer.series),
          sources: Object.fromEntries(sources.map((s) => [s.id, s])),
          notes: [...BALANCE_NOTES, SERIES_NOTE],
        });
      }
      // On the cube paths the rows are written from series arrays: the same bytes, without node-postgres's 850,000
      // national row values and JSON.stringify of them (balance-rows-text.ts).
      const text = await unitBalanceRowsText(ctx.db, scope, year);
      if (text) {
        const sources = await readSources(ctx.db, text.sources);
        return objectJsonText({ ...head, rows: new JsonText(text.rows), sources: Object.fromEntries(sources.map((s) => [s.id, s])), notes: BALANCE_NOTES });
      }
      const rows = await unitBalance(ctx.db, scope, year);
      const sources = await readSources(ctx.db, rows.map((x) => x.population_source).filter((s): s is string => !!s));
      return { ...head, rows, sources: Object.fromEntries(sources.map((s) => [s.id, s])), notes: BALANCE_NOTES };
    });
  });

  r.get('/api/balance/core-periphery', async (req, res) => {
    const q = parseQuery(req, {
      level: { ...levelSpec, default: 'county' },
      ...scopeSpecs,
      rule: { type: 'enum', values: ['urbanisation', 'list'], default: 'urbanisation' },
      threshold: { type: 'number', min: 0, max: 100, default: 70 },
      indicator_year: { type: 'int', min: 1949, max: 2100 },
      core: { type: 'string', maxLength: 6500, pattern: CODE_LIST },
      // Only the scope's own units are grouped; no `direction`: a scope takes flows both ways.
      unit: unitSpecs.unit,
    });
    if (q.rule === 'list' && !q.core) throw badRequest('rule=list needs "core", a comma-separated list of unit codes.');
    if (q.rule !== 'list' && q.core) throw badRequest('"core" is only used with rule=list.');
    const scope = { ...toScope(q), level: q.level as Level, includeSynthetic: ctx.config.showSynthetic };
    const within = scope.unit ? await requireKnownUnit(ctx.db, scope.unit, 400) : null;
    // A unit at or below the level would hold one unit of it, or only part of one: nothing to group.
    if (within && LEVELS.indexOf(within.level as Level) >= LEVELS.indexOf(scope.level))
      throw badRequest(`"unit" must be coarser than level=${scope.level}; ${within.code} is a ${within.level}.`);
    await sendAnswer(ctx, req, res, async () => {
      const core = q.core ? q.core.split(',').map((c) => toCode12(c)!) : [];
      const year = q.indicator_year ?? yearOf(scope.to);
      const rule = q.rule === 'list' ? ({ rule: 'list', core } as const) : ({ rule: 'urbanisation', threshold: q.threshold, year } as const);
      const rows = await corePeriphery(ctx.db, scope, rule);
      const strays = rows.filter((x) => x.row_kind === 'stray').map((x) => x.code);
      if (within && strays.length) throw badRequest(`"core" names units outside unit=${within.code} (${within.name_zh}): ${strays.join(', ')}.`);
      const groups = rows.filter((x) => x.row_kind === 'unit');
      const sources = await readSources(ctx.db, groups.map((g) => g.urbanisation_source).filter((s): s is string => !!s));
      return {
        level: scope.level,
        ...(ctx.config.showSynthetic ? { synthetic_included: true } : {}),
        rule: q.rule,
        threshold: q.rule === 'urbanisation' ? q.threshold : null,
        core: q.rule === 'list' ? core : null,
        filters: filtersEcho(scope),
        ...(within ? { scope: { code: within.code, level: within.level, name_zh: within.name_zh, name_en: within.name_en } } : {}),
        groups: groups.map((g) => ({
          code: g.code,
          name_zh: g.name_zh,
          name_en: g.name_en,
          group: g.grp,
          urbanisation_rate: g.urbanisation_rate,
          urbanisation_year: g.urbanisation_year,
          urbanisation_source: g.urbanisation_source,
        })),
        totals: rows
          .filter((x) => x.row_kind === 'total')
          .map((t) => {
            const documented = t.basis === 'documented';
            const num = (v: number | null) => (documented ? null : (v ?? 0));
            return {
              factor: t.factor,
              basis: t.basis,
              unit: t.unit,
              core_to_periphery: num(t.core_to_periphery),
              periphery_to_core: num(t.periphery_to_core),
              net_core_to_periphery: documented ? null : (t.core_to_periphery ?? 0) - (t.periphery_to_core ?? 0),
              within_core: num(t.within_core),
              within_periphery: num(t.within_periphery),
              counts: {
                core_to_periphery: t.core_to_periphery_count,
                periphery_to_core: t.periphery_to_core_count,
                within_core: t.within_core_count,
                within_periphery: t.within_periphery_count,
                involving_unclassified: t.unclassified_count,
                ...(within ? crossingOf(t.crossing_counts, (n) => n ?? 0) : {}),
              },
              ...(within ? crossingOf(t.crossing_sums, num) : {}),
            };
          }),
        sources: Object.fromEntries(sources.map((s) => [s.id, s])),
      };
    });
  });

  r.get('/api/units/:code/corridors', async (req, res) => {
    const code = toCode12(String(req.params.code));
    if (!code) throw badRequest('A unit code has 6, 9 or 12 digits.');
    const q = parseQuery(req, {
      partner_level: levelSpec,
      ...scopeSpecs,
      limit: { type: 'int', min: 1, max: 50, default: 5, clamp: true },
    });
    const unit = await requireKnownUnit(ctx.db, code, 404);
    await sendAnswer(ctx, req, res, async () => {
      const level = (q.partner_level ?? unit.level) as Level;
      const scope = { ...toScope(q), level, unit: code };
      const rows = await corridors(ctx.db, scope, q.limit);
      const groups = new Map<string, { factor: string; direction: string; basis: string; unit: string | null; partners: unknown[] }>();
      for (const row of rows) {
        const k = [row.factor, row.direction, row.basis, row.unit].join('|');
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { factor: row.factor, direction: row.direction, basis: row.basis, unit: row.unit, partners: [] }));
        g.partners.push({ rank: row.rank, code: row.partner, name_zh: row.name_zh, name_en: row.name_en, level: row.level, magnitude: row.magnitude, count: row.count, sources: row.sources });
      }
      const sources = await readSources(ctx.db, rows.flatMap((x) => x.sources));
      return {
        unit,
        partner_level: level,
        filters: filtersEcho(scope),
        corridors: [...groups.values()],
        sources: Object.fromEntries(sources.map((s) => [s.id, s])),
      };
    });
  });
  return r;
}
