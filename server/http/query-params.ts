// Typed, clamped query parameters with an allow-list: a request that names a parameter the route does
// not know gets 400, so typos ("levle=county") fail loudly instead of being silently ignored.
import type { Request } from 'express';
import { badRequest } from './errors.ts';

type Spec =
  | { type: 'int'; min: number; max: number; default?: number; clamp?: boolean }
  | { type: 'number'; min: number; max: number; default?: number }
  | { type: 'string'; maxLength: number; pattern?: RegExp; default?: string }
  | { type: 'enum'; values: readonly string[]; default?: string }
  | { type: 'enumList'; values: readonly string[]; default?: string[] }
  | { type: 'bbox' }
  | { type: 'bool'; default?: boolean };

type ValueOf<S extends Spec> = S extends { type: 'int' | 'number' }
  ? number
  : S extends { type: 'string' | 'enum' }
    ? string
    : S extends { type: 'enumList' }
      ? string[]
      : S extends { type: 'bbox' }
        ? [number, number, number, number]
        : S extends { type: 'bool' }
          ? boolean
          : never;

export type Parsed<T extends Record<string, Spec>> = {
  [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

export function parseQuery<T extends Record<string, Spec>>(req: Request, specs: T): Parsed<T> {
  const query = req.query as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(query)) {
    if (!(key in specs)) {
      throw badRequest(`Unknown query parameter "${key.slice(0, 40)}". Allowed: ${Object.keys(specs).join(', ')}.`);
    }
  }
  for (const [key, spec] of Object.entries(specs)) {
    const raw = query[key];
    if (raw === undefined || raw === '') {
      out[key] = 'default' in spec ? spec.default : undefined;
      continue;
    }
    if (typeof raw !== 'string') throw badRequest(`Query parameter "${key}" must be given once, as plain text.`);
    if (raw.includes('\0')) throw badRequest(`Query parameter "${key}" contains a NUL character.`);
    out[key] = parseOne(key, raw, spec);
  }
  return out as Parsed<T>;
}

export function parseOne(key: string, raw: string, spec: Spec): unknown {
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d{1,15}$/.test(raw)) throw badRequest(`"${key}" must be a whole number.`);
      const n = Number(raw);
      if (spec.clamp) return Math.min(spec.max, Math.max(spec.min, n));
      if (n < spec.min || n > spec.max) throw badRequest(`"${key}" must be between ${spec.min} and ${spec.max}.`);
      return n;
    }
    case 'number': {
      if (!/^-?\d{1,15}(\.\d{1,15})?$/.test(raw)) throw badRequest(`"${key}" must be a decimal number.`);
      const n = Number(raw);
      if (n < spec.min || n > spec.max) throw badRequest(`"${key}" must be between ${spec.min} and ${spec.max}.`);
      return n;
    }
    case 'string': {
      if (raw.length > spec.maxLength) throw badRequest(`"${key}" is longer than ${spec.maxLength} characters.`);
      if (spec.pattern && !spec.pattern.test(raw)) throw badRequest(`"${key}" has an invalid format.`);
      return raw;
    }
    case 'enum': {
      if (!spec.values.includes(raw)) throw badRequest(`"${key}" must be one of: ${spec.values.join(', ')}.`);
      return raw;
    }
    case 'enumList': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      // "factor=,," names no factor: answering it as if no filter was given would hide the client's bug.
      if (!items.length) throw badRequest(`"${key}" must name at least one of: ${spec.values.join(', ')}.`);
      for (const item of items) {
        if (!spec.values.includes(item)) throw badRequest(`"${key}" items must be among: ${spec.values.join(', ')}.`);
      }
      return [...new Set(items)];
    }
    case 'bbox': {
      const parts = raw.split(',');
      if (parts.length !== 4 || !parts.every((p) => /^-?\d{1,3}(\.\d{1,12})?$/.test(p.trim()))) {
        throw badRequest(`"${key}" must be four numbers: minLon,minLat,maxLon,maxLat.`);
      }
      const [w, s, e, n] = parts.map(Number) as [number, number, number, number];
      if (w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n) {
        throw badRequest(`"${key}" must lie within -180,-90,180,90 with min ≤ max.`);
      }
      return [w, s, e, n];
    }
    case 'bool': {
      if (/^(true|1)$/.test(raw)) return true;
      if (/^(false|0)$/.test(raw)) return false;
      throw badRequest(`"${key}" must be true or false.`);
    }
  }
}
