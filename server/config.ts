// One typed configuration, read from the environment once and checked before anything starts.
// Secrets (the database password, API tokens) never appear in messages or logs: see describeConfig().
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  port: number;
  host: string;
  /** Absent means: run on the embedded PGlite + PostGIS engine. */
  databaseUrl: string | undefined;
  /** Where the embedded engine keeps its files; "memory" keeps nothing on disk. */
  pgliteDir: string;
  /** A local mirror of the upstream boundary files (see geodata/sources.json). */
  geodataDir: string;
  /** Fetch from the upstream URLs when a file is missing from the mirror. */
  allowDownload: boolean;
  statementTimeoutMs: number;
  /** PostgreSQL work_mem per connection, MB. */
  dbWorkMemMb: number;
  poolMax: number;
  poolWaitMs: number;
  tileCacheMb: number;
  /** Import the Wenzhou demo on start when the database holds no units. */
  seedDemo: boolean;
  /** Bearer tokens: token → scopes. */
  tokens: Map<string, Set<'read' | 'write'>>;
  /** Optional external basemap style; by default the map uses only the server's own data. */
  basemapStyleUrl: string | undefined;
  /** CSP frame-ancestors of /embed: which sites may show the map in an iframe ("*" = any). */
  embedFrameAncestors: string;
  /** Benchmark servers only: the read routes include synthetic flows, and their answers say so. */
  showSynthetic: boolean;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** ATLAS_TOKENS="token1:read,write;token2:read" */
function tokens(raw: string | undefined): Config['tokens'] {
  const out: Config['tokens'] = new Map();
  if (!raw) return out;
  for (const entry of raw.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [token, scopes] = entry.split(':');
    if (!token || token.length < 16) throw new ConfigError('ATLAS_TOKENS: every token must be at least 16 characters');
    const set = new Set<'read' | 'write'>();
    for (const scope of (scopes ?? 'read').split(',')) {
      if (scope !== 'read' && scope !== 'write') throw new ConfigError(`ATLAS_TOKENS: unknown scope "${scope}" (use read or write)`);
      set.add(scope);
    }
    out.set(token, set);
  }
  return out;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['silent', 'error', 'info', 'debug'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be silent, error, info or debug, got "${logLevel}"`);
  }
  const basemapStyleUrl = env.BASEMAP_STYLE_URL || undefined;
  if (basemapStyleUrl && !/^https?:\/\//.test(basemapStyleUrl)) throw new ConfigError('BASEMAP_STYLE_URL must be an http(s) URL');
  // Sources as CSP writes them; anything else (a ';' above all) could rewrite the header.
  const embedFrameAncestors = (env.EMBED_FRAME_ANCESTORS || '*').trim().split(/\s+/).join(' ');
  for (const src of embedFrameAncestors.split(' ')) {
    if (!/^(\*|'self'|'none'|https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?)$/i.test(src)) {
      throw new ConfigError(`EMBED_FRAME_ANCESTORS: "${src}" is not *, 'self', 'none' or an http(s) origin`);
    }
  }
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    pgliteDir: env.PGLITE_DIR || path.join(repoRoot, '.data', 'pglite'),
    geodataDir: path.resolve(env.GEODATA_DIR || path.join(repoRoot, '..', 'shared', 'geodata')),
    allowDownload: bool(env, 'ALLOW_DOWNLOAD', true),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    dbWorkMemMb: int(env, 'DB_WORK_MEM_MB', 32, 1, 2_048),
    poolMax: int(env, 'POOL_MAX', 10, 1, 200),
    poolWaitMs: int(env, 'POOL_WAIT_MS', 5_000, 100, 120_000),
    tileCacheMb: int(env, 'TILE_CACHE_MB', 64, 0, 16_384),
    seedDemo: bool(env, 'SEED_DEMO', true),
    tokens: tokens(env.ATLAS_TOKENS),
    basemapStyleUrl,
    embedFrameAncestors,
    showSynthetic: bool(env, 'ATLAS_SHOW_SYNTHETIC', false),
    logLevel,
  };
}

/** A printable summary with every secret removed. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    port: c.port,
    host: c.host,
    database: c.databaseUrl ? redactUrl(c.databaseUrl) : `embedded PGlite (${c.pgliteDir})`,
    geodataDir: c.geodataDir,
    tokens: `${c.tokens.size} configured`,
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}
