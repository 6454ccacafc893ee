// Builds the browser client into client/dist: the bundled app (esbuild), its page, and the offline basemap
// (land clipped and simplified from an npm package, rivers from a committed extract). It ends by writing
// build.json, the manifest the server serves from: nothing outside it is ever served.
//   npm run build:client          (also run by `npm start` and `npm test` first)
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import type { FeatureCollection } from 'geojson';
import { buildLand, defaultLandOptions, landSourceFile, readLandSource } from './basemap/land.ts';
import { riversFile } from './basemap/extract-rivers.ts';
import { buildBasemapTiles, defaultTileOptions } from './basemap/tiles.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultOutDir = path.join(here, 'dist');

export interface ManifestEntry {
  /** The URL path, e.g. /app.js. */
  path: string;
  /** Relative to the output directory. */
  file: string;
  type: string;
  size: number;
  sha1: string;
  /** A pre-compressed copy sits beside the file as file + '.gz'. */
  gzip: boolean;
}
export interface Manifest {
  builtAt: string;
  files: ManifestEntry[];
  /** Tile paths under a prefix, z ≤ maxzoom, that are not in `files` are empty tiles: 204, not 404. */
  tilePyramids: { prefix: string; maxzoom: number }[];
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.pbf': 'application/x-protobuf',
};
const compressible = new Set(['.html', '.js', '.css', '.json', '.pbf']);

function writeAtomic(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const sha1 = (data: Uint8Array | string) => crypto.createHash('sha1').update(data).digest('hex');

/**
 * The basemap as static vector tiles (layers `land` and `rivers`), rebuilt only when an input or a
 * parameter changed: parsing the 100 MB land source takes seconds. Returns tile path → bytes, whether they
 * were just made (and so still need writing), and the key that vouches for them.
 */
function basemapTiles(outDir: string, log: (m: string) => void): { tiles: Map<string, Uint8Array>; fresh: boolean; key: string } {
  const pkg = createRequire(import.meta.url)('@geo-maps/countries-coastline-1m/package.json') as { version: string };
  const key = sha1(
    [
      pkg.version,
      JSON.stringify(defaultLandOptions),
      JSON.stringify(defaultTileOptions),
      ...['options.ts', 'land.ts', 'geometry.ts', 'tiles.ts', 'rivers-wdbii.geojson'].map((f) => fs.readFileSync(path.join(here, 'basemap', f))),
    ].join('\n'),
  );
  const dir = path.join(outDir, 'basemap', 'tiles');
  const stamp = path.join(outDir, 'basemap', 'tiles.key');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) {
    const tiles = new Map<string, Uint8Array>();
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (file.endsWith('.pbf')) tiles.set(`basemap/tiles/${file.split(path.sep).join('/')}`, fs.readFileSync(path.join(dir, file)));
    }
    return { tiles, fresh: false, key };
  }
  const started = Date.now();
  const land = buildLand(readLandSource(), defaultLandOptions);
  const rivers = JSON.parse(fs.readFileSync(riversFile, 'utf8')) as FeatureCollection;
  // Only the river class is needed on the map; the land's detail flag and the provenance stay behind.
  for (const f of land.features) f.properties = {};
  const made = buildBasemapTiles({ land, rivers: { type: 'FeatureCollection', features: rivers.features } });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(stamp, { force: true });
  const tiles = new Map([...made].map(([zxy, data]) => [`basemap/tiles/${zxy}.pbf`, data]));
  const bytes = [...tiles.values()].reduce((a, t) => a + t.length, 0);
  log(`basemap: ${path.relative(process.cwd(), landSourceFile())} and WDBII rivers → ${tiles.size} tiles, ${(bytes / 1024).toFixed(0)} kB, in ${Date.now() - started} ms`);
  return { tiles, fresh: true, key };
}

export async function buildClient(opts: { outDir?: string; quiet?: boolean } = {}): Promise<Manifest> {
  const outDir = opts.outDir ?? defaultOutDir;
  const log = opts.quiet ? () => undefined : (m: string) => console.log(`[build:client] ${m}`);
  const started = Date.now();
  const outputs = new Map<string, Uint8Array>();

  const result = await esbuild.build({
    // early.js is the page's first script: a few requests started before app.js has arrived (early-fetch.ts).
    entryPoints: { app: path.join(here, 'src', 'main.ts'), early: path.join(here, 'src', 'early.ts') },
    bundle: true,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    write: false,
    outdir: outDir,
    logLevel: 'silent',
  });
  for (const f of result.outputFiles) outputs.set(path.relative(outDir, f.path), f.contents);
  outputs.set('index.html', fs.readFileSync(path.join(here, 'index.html')));
  const basemap = basemapTiles(outDir, log);
  for (const [file, data] of basemap.tiles) outputs.set(file, data);

  const files: ManifestEntry[] = [];
  for (const [file, data] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
    const ext = path.extname(file);
    const type = types[ext];
    if (!type) throw new Error(`build:client: no content type for ${file}`);
    const cached = !basemap.fresh && basemap.tiles.has(file);
    if (!cached) writeAtomic(path.join(outDir, file), data);
    const gzip = compressible.has(ext);
    if (gzip && !cached) writeAtomic(path.join(outDir, `${file}.gz`), zlib.gzipSync(data, { level: 9 }));
    files.push({ path: `/${file.split(path.sep).join('/')}`, file, type, size: data.length, sha1: sha1(data), gzip });
  }
  // Written last, so an interrupted build never leaves a key that vouches for missing tiles.
  if (basemap.fresh) writeAtomic(path.join(outDir, 'basemap', 'tiles.key'), basemap.key);
  const manifest: Manifest = { builtAt: new Date().toISOString(), files, tilePyramids: [{ prefix: '/basemap/tiles/', maxzoom: defaultTileOptions.maxZoom }] };
  writeAtomic(path.join(outDir, 'build.json'), JSON.stringify(manifest));
  const kb = (f: string) => ((files.find((e) => e.file === f)?.size ?? 0) / 1024).toFixed(0);
  log(`${files.length} files in ${path.relative(process.cwd(), outDir) || '.'} (app.js ${kb('app.js')} kB, ${basemap.tiles.size} basemap tiles) in ${Date.now() - started} ms`);
  return manifest;
}

/** True when build.json is newer than every client source, so a test can skip rebuilding what pretest built. */
export function clientBuildIsCurrent(outDir: string = defaultOutDir): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(outDir, 'build.json')).mtimeMs;
  } catch {
    return false;
  }
  // The lock file too: a dependency upgraded by npm install (MapLibre, deck.gl) changes the bundle.
  const sources = [path.join(here, 'build.ts'), path.join(here, 'index.html'), path.join(here, '..', 'package-lock.json')];
  for (const dir of ['src', 'basemap']) {
    for (const f of fs.readdirSync(path.join(here, dir), { recursive: true }) as string[]) sources.push(path.join(here, dir, f));
  }
  return sources.every((f) => fs.statSync(f).mtimeMs < built);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm start` passes --if-stale: a restart need not spend seconds rebuilding a client nothing has changed.
  if (process.argv.includes('--if-stale') && clientBuildIsCurrent()) {
    console.log(`client build is current (${path.relative(process.cwd(), defaultOutDir)}); not rebuilt`);
    process.exit(0);
  }
  buildClient().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
