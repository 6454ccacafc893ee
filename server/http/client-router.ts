// Serves the built browser client (client/dist) at / : the page, its bundle and the offline basemap tiles.
// Only files listed in the build's manifest (build.json) are served, so no request path ever reaches the
// file system. Pre-compressed copies are sent to browsers that accept gzip. The page's Content-Security-
// Policy allows this origin only, so the map cannot fetch a tile, font or script from anywhere else.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { Manifest, ManifestEntry } from '../../client/build.ts';
import { repoRoot } from '../config.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from './errors.ts';

export const defaultClientDir = path.join(repoRoot, 'client', 'dist');

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // MapLibre runs its worker from a blob: URL and draws label glyphs and images through blob:/data:.
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

interface Loaded {
  mtimeMs: number;
  byPath: Map<string, ManifestEntry>;
  pyramids: Manifest['tilePyramids'];
}

const tilePath = /^(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf$/;

/** A tile address inside a pyramid the build made, whose tile holds nothing (open sea): answer 204. */
function isEmptyTile(urlPath: string, pyramids: Manifest['tilePyramids']): boolean {
  for (const p of pyramids) {
    if (!urlPath.startsWith(p.prefix)) continue;
    const m = tilePath.exec(urlPath.slice(p.prefix.length));
    if (!m) return false;
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return z <= p.maxzoom && x < 2 ** z && y < 2 ** z;
  }
  return false;
}

/** The embed (/embed) is the same page; only its frame-ancestors differ, so other sites may frame it. */
const pages: Record<string, string> = { '/': '/index.html', '/embed': '/index.html', '/embed/': '/index.html' };

export function clientRouter(ctx: AppContext, dir: string = defaultClientDir): Router {
  const r = Router();
  const manifestFile = path.join(dir, 'build.json');
  let loaded: Loaded | null = null;

  // Re-read the manifest when a rebuild replaced it, so `npm run build:client` needs no server restart.
  function current(): Loaded | null {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(manifestFile).mtimeMs;
    } catch {
      return (loaded = null);
    }
    if (loaded?.mtimeMs === mtimeMs) return loaded;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    loaded = { mtimeMs, byPath: new Map(manifest.files.map((f) => [f.path, f])), pyramids: manifest.tilePyramids ?? [] };
    return loaded;
  }

  r.use(async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const urlPath = pages[req.path] ?? req.path;
    const files = current();
    if (!files) {
      if (urlPath !== '/index.html') return next();
      throw new HttpError(503, 'client_not_built', 'The map client has not been built yet: run `npm run build:client`.');
    }
    const entry = files.byPath.get(urlPath);
    if (!entry) {
      if (!isEmptyTile(urlPath, files.pyramids)) return next();
      // MapLibre reads 204 as an empty tile; a 404 would be logged in the console as an error.
      res.status(204).set('Cache-Control', 'no-cache').end();
      return;
    }
    const embed = req.path.startsWith('/embed');
    await send(req, res, dir, entry, embed ? `${contentSecurityPolicy}; frame-ancestors ${ctx.config?.embedFrameAncestors ?? '*'}` : contentSecurityPolicy);
  });
  return r;
}

async function send(req: Request, res: Response, dir: string, entry: ManifestEntry, csp: string): Promise<void> {
  const gzip = entry.gzip && /\bgzip\b/.test(req.get('accept-encoding') ?? '');
  const etag = `"${entry.sha1.slice(0, 24)}${gzip ? '-gz' : ''}"`;
  res.set({
    'Content-Type': entry.type,
    ETag: etag,
    // Revalidate every time: the files keep their names across builds, and a 304 costs almost nothing.
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  });
  if (entry.type.startsWith('text/html')) {
    res.set({ 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' });
  }
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  const file = path.join(dir, gzip ? `${entry.file}.gz` : entry.file);
  const size = fs.statSync(file).size;
  if (gzip) res.set('Content-Encoding', 'gzip');
  res.set('Content-Length', String(size));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(fs.createReadStream(file), res);
}
