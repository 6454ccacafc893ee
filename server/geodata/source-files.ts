// Finds the file a source provides: in the local mirror first, then (only when allowed) upstream, or in
// an installed npm package. Sizes are checked before anything is read, so a huge file fails fast.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ImportError } from './import-error.ts';
import type { SourceEntry } from './source-manifest.ts';

export interface FileAccess {
  geodataDir: string;
  allowDownload: boolean;
  maxFileBytes: number;
}

export interface SourceFile {
  sourceId: string;
  origin: 'mirror' | 'download' | 'npm';
  /** A path or URL, for messages and the import record. */
  location: string;
  bytes: Buffer;
}

const require = createRequire(import.meta.url);
const MB = 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * A file that upstream should have served and did not (no network, a timeout, an HTTP error other than 404).
 * Callers that can go on without the file catch this one; for everyone else it is an ImportError like any
 * other. A file that arrives too large or malformed is not a DownloadError: trying again would not help.
 */
export class DownloadError extends ImportError {
  constructor(
    readonly url: string,
    /** What went wrong, without the advice: "fetch failed", "HTTP 503". */
    readonly reason: string,
  ) {
    super(`download of ${url} failed: ${reason}; use a local mirror (GEODATA_DIR) or ALLOW_DOWNLOAD=false`);
    this.name = 'DownloadError';
  }
}

const size = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

function tooLarge(location: string, bytes: number, limit: number) {
  return new ImportError(`${location} is too large: ${size(bytes)}, over the limit of ${size(limit)} (raise it with --max-file-mb)`);
}

/** Reads a local file after checking its size against the limit. */
export function readLocalFile(file: string, maxBytes: number): Buffer {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new ImportError(`${file} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > maxBytes) throw tooLarge(file, size, maxBytes);
  return fs.readFileSync(file);
}

const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);

async function download(url: string, maxBytes: number): Promise<Buffer | null> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (err) {
    throw new DownloadError(url, (err as Error).message);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new DownloadError(url, `HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(url, declared, maxBytes);
  let body: Buffer;
  try {
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    // The connection dropped, or the timeout struck, while the body was arriving: as unreachable as no answer.
    throw new DownloadError(url, (err as Error).message);
  }
  if (body.length > maxBytes) throw tooLarge(url, body.length, maxBytes);
  return body;
}

/**
 * The first file of this kind among the given sources: every source's mirror paths first, then, when
 * downloads are allowed, their upstream URLs. Null when no source has it.
 */
export async function findSourceFile(
  access: FileAccess,
  sources: readonly SourceEntry[],
  kind: string,
  vars: Record<string, string>,
): Promise<SourceFile | null> {
  for (const s of sources) {
    for (const template of s.files[kind]?.mirror ?? []) {
      const file = path.join(access.geodataDir, fill(template, vars));
      if (fs.existsSync(file)) return { sourceId: s.id, origin: 'mirror', location: file, bytes: readLocalFile(file, access.maxFileBytes) };
    }
  }
  if (!access.allowDownload) return null;
  for (const s of sources) {
    const template = s.files[kind]?.upstream;
    if (!template) continue;
    const url = fill(template, vars);
    const bytes = await download(url, access.maxFileBytes);
    if (bytes !== null) return { sourceId: s.id, origin: 'download', location: url, bytes };
  }
  return null;
}

/** A file shipped in an npm package, after checking the installed version is the one the manifest names. */
export function readPackageFile(source: SourceEntry, kind: string, maxBytes: number): SourceFile {
  const rel = source.files[kind]?.npm;
  if (!rel) throw new Error(`source ${source.id} has no npm file "${kind}"`);
  const pkg = source.package;
  let file: string;
  try {
    file = require.resolve(rel);
  } catch {
    throw new ImportError(`${rel} is missing: run npm install (source ${source.id})`);
  }
  if (pkg) {
    const pkgJson = path.join(file.slice(0, file.lastIndexOf(`node_modules${path.sep}${pkg.name}`)), 'node_modules', pkg.name, 'package.json');
    const installed = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version;
    if (installed !== pkg.version) {
      throw new ImportError(
        `source ${source.id} names ${pkg.name}@${pkg.version} but ${installed} is installed; its vintage may differ. Update geodata/sources.json or install ${pkg.version}`,
      );
    }
  }
  return { sourceId: source.id, origin: 'npm', location: file, bytes: readLocalFile(file, maxBytes) };
}
