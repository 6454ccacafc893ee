// The README promises "All settings are environment variables" in its Configuration table: a setting the
// server reads but the table leaves out is one a new user cannot find (EMBED_FRAME_ANCESTORS was).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../server/config.ts';

// Benchmarks' switch, not a user's setting: it makes the server show synthetic flows.
const BENCH_ONLY = new Set(['ATLAS_SHOW_SYNTHETIC']);

function readSettings(): string[] {
  const src = fs.readFileSync(path.join(repoRoot, 'server', 'config.ts'), 'utf8');
  const names = [...src.matchAll(/env\.([A-Z][A-Z0-9_]+)|env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1] ?? m[2]!);
  return [...new Set(names)].filter((n) => !BENCH_ONLY.has(n)).sort();
}

function tableSettings(): Set<string> {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split('## Configuration')[1]!.split('\n## ')[0]!;
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return new Set(rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)));
}

describe('README configuration table', () => {
  it('finds the settings in server/config.ts (so the check below is not vacuous)', () => {
    expect(readSettings()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'ATLAS_TOKENS']));
  });

  it('lists every environment variable the server reads', () => {
    const listed = tableSettings();
    expect(readSettings().filter((n) => !listed.has(n))).toEqual([]);
  });
});
