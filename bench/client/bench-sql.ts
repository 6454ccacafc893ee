// The client benchmark's SQL, one statement per file in bench/client/sql, read once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const cache = new Map<string, string>();

export function namedBenchSql(name: 'insert_flows' | 'upsert_source' | 'located_ends'): string {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = fs.readFileSync(path.join(dir, `${name}.sql`), 'utf8')));
  return text;
}
