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
import { buildLand, defaultLandOptions, landSourceFile, readLandSource } from './basemap/land.ts';
import { riversFile } from './basemap/extract-rivers.ts';

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
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};
const compressible = new Set(['.html', '.js', '.css', '.json']);

function writeAtomic(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const sha1 = (data: Uint8Array | string) => crypto.createHash('sha1').update(data).digest('hex');

/** Rebuilds the land layer only when its inputs or parameters changed: parsing the 100 MB source takes seconds. */
function landJson(outDir: string, log: (m: string) => void): Buffer {
  const pkg = createRequire(import.meta.url)('@geo-maps/countries-coastline-1m/package.json') as { version: string };
  const key = sha1(
    [
      pkg.version,
      JSON.stringify(defaultLandOptions),
      fs.readFileSync(path.join(here, 'basemap', 'land.ts')),
      fs.readFileSync(path.join(here, 'basemap', 'geometry.ts')),
    ].join('\n'),
  );
  const cached = path.join(outDir, 'basemap', 'land.json');
  const stamp = path.join(outDir, 'basemap', 'land.key');
  if (fs.existsSync(cached) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) return fs.readFileSync(cached);
  const started = Date.now();
  const land = buildLand(readLandSource(), defaultLandOptions);
  const out = Buffer.from(
    JSON.stringify({
      ...land,
      source: {
        title: 'OSM land polygons (countries, coastline, 1 m)',
        publisher: 'OpenStreetMap contributors, packaged as npm @geo-maps/countries-coastline-1m ' + pkg.version,
        licence: 'ODbL-1.0',
        built: `clipped to ${defaultLandOptions.window.join(',')}; detailed in ${defaultLandOptions.detail.join(',')}`,
      },
    }),
  );
  writeAtomic(cached, out);
  writeAtomic(stamp, key);
  log(`land: ${path.relative(process.cwd(), landSourceFile())} → ${(out.length / 1024).toFixed(0)} kB in ${Date.now() - started} ms`);
  return out;
}

export async function buildClient(opts: { outDir?: string; quiet?: boolean } = {}): Promise<Manifest> {
  const outDir = opts.outDir ?? defaultOutDir;
  const log = opts.quiet ? () => undefined : (m: string) => console.log(`[build:client] ${m}`);
  const started = Date.now();
  const outputs = new Map<string, Uint8Array>();

  const result = await esbuild.build({
    entryPoints: { app: path.join(here, 'src', 'main.ts') },
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
  outputs.set('basemap/land.json', landJson(outDir, log));
  outputs.set('basemap/rivers.json', fs.readFileSync(riversFile));

  const files: ManifestEntry[] = [];
  for (const [file, data] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
    const ext = path.extname(file);
    const type = types[ext];
    if (!type) throw new Error(`build:client: no content type for ${file}`);
    if (file !== 'basemap/land.json') writeAtomic(path.join(outDir, file), data);
    const gzip = compressible.has(ext);
    if (gzip) writeAtomic(path.join(outDir, `${file}.gz`), zlib.gzipSync(data, { level: 9 }));
    files.push({ path: `/${file.split(path.sep).join('/')}`, file, type, size: data.length, sha1: sha1(data), gzip });
  }
  const manifest: Manifest = { builtAt: new Date().toISOString(), files };
  writeAtomic(path.join(outDir, 'build.json'), JSON.stringify(manifest, null, 1));
  const kb = (f: string) => ((files.find((e) => e.file === f)?.size ?? 0) / 1024).toFixed(0);
  log(`${files.length} files in ${path.relative(process.cwd(), outDir) || '.'} (app.js ${kb('app.js')} kB, land ${kb('basemap/land.json')} kB, rivers ${kb('basemap/rivers.json')} kB) in ${Date.now() - started} ms`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildClient().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
