// The benchmark's own SQL (bench/national/sql/*.sql): statements that only the benchmark runs, kept out of
// sql/queries so that the server can never load them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const cache = new Map<string, string>();

export function benchSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad bench query name ${name}`);
    text = fs.readFileSync(path.join(dir, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
