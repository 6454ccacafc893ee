// SQL lives in sql/ as readable files. Named queries are read once at start-up, never per request.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.ts';

const sqlDir = path.join(repoRoot, 'sql');
const cache = new Map<string, string>();

/** The text of sql/queries/<name>.sql. Throws at start-up if a query file is missing. */
export function namedQuery(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!/^[a-z0-9_/-]+$/.test(name)) throw new Error(`bad query name ${name}`);
    text = fs.readFileSync(path.join(sqlDir, 'queries', `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export interface Migration {
  version: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  const dir = path.join(sqlDir, 'migrations');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}
