// Builds a collection's SQL once, at start-up: its feature query (sql/queries/ogc_features_<name>.sql)
// pasted into the shared page and extent templates. Placeholders in the feature query take literals
// fixed in code (a unit level, say), never request values; those are bound as parameters.
import { namedQuery } from '../db/sql-files.ts';
import type { Collection } from './collection.ts';

type IdType = 'char(12)' | 'bigint';

function literal(value: string | null): string {
  if (value === null) return 'NULL';
  if (!/^[a-z_]{1,40}$/.test(value)) throw new Error(`OGC SQL literal "${value}" is not a plain lower-case word`);
  return `'${value}'`;
}

/** Replaces {{name}} in the code of each line; comments (from "--" on) are left as written. */
function fill(template: string, values: Record<string, string>): string {
  return template
    .split('\n')
    .map((line) => {
      const at = line.indexOf('--');
      const [code, comment] = at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at)];
      const filled = code.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
        if (!(key in values)) throw new Error(`OGC SQL placeholder ${whole} has no value`);
        return values[key]!;
      });
      return filled + comment;
    })
    .join('\n');
}

export function collectionSql(features: string, idType: IdType, literals: Record<string, string | null> = {}): Collection['sql'] {
  const featureText = fill(namedQuery(`ogc_features_${features}`), Object.fromEntries(Object.entries(literals).map(([k, v]) => [k, literal(v)])));
  // A final newline, so a comment on the feature query's last line cannot swallow the template's next token.
  const values = { features: `${featureText}\n`, id_type: idType };
  return { items: fill(namedQuery('ogc_items'), values), extent: fill(namedQuery('ogc_extent'), values) };
}
