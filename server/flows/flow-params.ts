// Query parameters of the flow read routes, parsed once into a FlowScope.
import type { Request } from 'express';
import { badRequest } from '../http/errors.ts';
import { parseQuery } from '../http/query-params.ts';
import type { FlowScope } from '../analysis/flow-scope.ts';
import { toCode12 } from './codes.ts';
import { parseDate, parseYear } from './periods.ts';
import { BASES, BENEFIT_LINKAGES, DIRECTIONS, FACTORS, INTEGRATION_TYPES, LEVELS, MECHANISMS, type Basis, type Factor, type Level } from './vocabulary.ts';

const PERIOD_BOUND = /^\d{4}(-\d{2}-\d{2})?$/;

/** Filters common to every flow analysis. */
export const scopeSpecs = {
  factor: { type: 'enumList', values: FACTORS },
  basis: { type: 'enumList', values: BASES },
  from: { type: 'string', maxLength: 10, pattern: PERIOD_BOUND },
  to: { type: 'string', maxLength: 10, pattern: PERIOD_BOUND },
  mechanism: { type: 'enumList', values: MECHANISMS },
  integration_type: { type: 'enumList', values: INTEGRATION_TYPES },
  benefit_linkage: { type: 'enumList', values: BENEFIT_LINKAGES },
} as const;

export const unitSpecs = {
  unit: { type: 'string', maxLength: 12, pattern: /^(\d{6}|\d{9}|\d{12})$/ },
  direction: { type: 'enum', values: DIRECTIONS },
} as const;

export const levelSpec = { type: 'enum', values: LEVELS } as const;

function bound(key: string, raw: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length === 4) {
    const y = parseYear(raw);
    if (y === undefined) throw badRequest(`"${key}" must be a year between 1949 and 2100.`);
    return edge === 'start' ? `${y}-01-01` : `${y}-12-31`;
  }
  const d = parseDate(raw);
  if (!d) throw badRequest(`"${key}" must be a year (YYYY) or a real date (YYYY-MM-DD).`);
  return d;
}

type ScopeQuery = {
  factor?: string[];
  basis?: string[];
  from?: string;
  to?: string;
  mechanism?: string[];
  integration_type?: string[];
  benefit_linkage?: string[];
  unit?: string;
  direction?: string;
  level?: string;
};

export function toScope(q: ScopeQuery): FlowScope {
  const from = bound('from', q.from, 'start');
  const to = bound('to', q.to, 'end');
  if (from && to && from > to) throw badRequest('"from" must not be after "to".');
  if (q.direction && !q.unit) throw badRequest('"direction" needs "unit".');
  return {
    level: q.level as Level | undefined,
    factors: q.factor as Factor[] | undefined,
    bases: q.basis as Basis[] | undefined,
    from,
    to,
    mechanisms: q.mechanism,
    integrationTypes: q.integration_type,
    benefitLinkages: q.benefit_linkage,
    unit: q.unit ? toCode12(q.unit) : undefined,
    direction: (q.direction as FlowScope['direction']) ?? 'either',
  };
}

export function parseFlowQuery(req: Request) {
  const q = parseQuery(req, {
    level: levelSpec,
    ...scopeSpecs,
    ...unitSpecs,
    min_magnitude: { type: 'number', min: 0, max: 1e15 },
    limit: { type: 'int', min: 1, max: 100_000, default: 20_000, clamp: true },
    f: { type: 'enum', values: ['json', 'geojson'], default: 'json' },
  });
  return { scope: toScope(q), minMagnitude: q.min_magnitude, limit: q.limit, format: q.f as 'json' | 'geojson' };
}
