// Builds each flow analysis statement once, from the shared roll-up CTEs and a named query body, so the
// filter and roll-up logic exists in one place (sql/queries/flows_rollup.sql).
import { namedQuery } from '../db/sql-files.ts';

const built = new Map<string, string>();

export function rollupQuery(body: string): string {
  let text = built.get(body);
  if (text === undefined) {
    text = `WITH ${namedQuery('flows_rollup')}\n${namedQuery(body)}`;
    built.set(body, text);
  }
  return text;
}
