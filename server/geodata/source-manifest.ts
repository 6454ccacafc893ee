// geodata/sources.json: every upstream source, where its files live in a mirror or upstream, and the
// provenance the sources table records. Read and checked once; a malformed manifest stops the import.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.ts';
import { ImportError } from './import-error.ts';

export interface SourceFiles {
  /** Paths relative to the mirror directory; {code6} is filled in. */
  mirror?: string[];
  /** A URL template used only when downloads are allowed. */
  upstream?: string;
  /** A path inside an installed npm package. */
  npm?: string;
}

export interface SourceEntry {
  id: string;
  title: string;
  publisher: string;
  url: string | null;
  licence: string;
  originalCrs: string | null;
  vintage: string;
  retrieved: string | null;
  notes: string;
  package?: { name: string; version: string };
  files: Record<string, SourceFiles>;
}

export const DEFAULT_MANIFEST = path.join(repoRoot, 'geodata', 'sources.json');

const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const strOrNull = (v: unknown) => v === null || str(v);

function checkEntry(e: Record<string, unknown>, i: number, file: string): SourceEntry {
  const bad = (what: string) => new ImportError(`${file}: source #${i} (${String(e.id)}): ${what}`);
  if (!str(e.id) || !/^[a-z0-9][a-z0-9_.-]{1,63}$/.test(e.id as string)) throw bad('id must be 2–64 of a-z 0-9 _ . -');
  for (const k of ['title', 'publisher', 'licence', 'vintage', 'notes']) if (!str(e[k])) throw bad(`${k} is required`);
  for (const k of ['url', 'originalCrs', 'retrieved']) if (!strOrNull(e[k])) throw bad(`${k} must be text or null`);
  if (e.retrieved && !/^\d{4}-\d{2}-\d{2}$/.test(e.retrieved as string)) throw bad('retrieved must be YYYY-MM-DD');
  const files = (e.files ?? {}) as Record<string, SourceFiles>;
  if (typeof files !== 'object') throw bad('files must be an object');
  return e as unknown as SourceEntry;
}

export function loadManifest(file = DEFAULT_MANIFEST): SourceEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ImportError(`cannot read the source manifest ${file}: ${(err as Error).message}`);
  }
  const list = (parsed as { sources?: unknown }).sources;
  if (!Array.isArray(list)) throw new ImportError(`${file}: expected {"sources": [...]}`);
  const entries = list.map((e, i) => checkEntry(e as Record<string, unknown>, i, path.basename(file)));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new ImportError(`${file}: source id "${e.id}" appears twice`);
    seen.add(e.id);
  }
  return entries;
}

/** Manifests merged in order; a later entry with the same id replaces an earlier one. */
export function mergeManifests(...lists: SourceEntry[][]): SourceEntry[] {
  const byId = new Map<string, SourceEntry>();
  for (const list of lists) for (const e of list) byId.set(e.id, e);
  return [...byId.values()];
}

export function findSource(entries: readonly SourceEntry[], id: string): SourceEntry {
  const e = entries.find((s) => s.id === id);
  if (!e) throw new ImportError(`unknown source "${id}"; known sources: ${entries.map((s) => s.id).join(', ')}`);
  return e;
}

/** The mirror paths of a source, as one line for the sources table. */
export function mirrorPathOf(e: SourceEntry): string | null {
  const paths = Object.values(e.files).flatMap((f) => [...(f.mirror ?? []), ...(f.npm ? [`npm:${f.npm}`] : [])]);
  return paths.length ? paths.join('; ') : null;
}
