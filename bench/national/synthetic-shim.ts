// The public API never shows synthetic flows (flows_rollup.sql's $11 is false on every route), so over the
// bench database it answers as if there were no flows at all. This wraps a Database so that the roll-up
// statements get $11 = true and nothing else changes: the same routes, SQL, parsing and JSON, over the
// synthetic flows. For the benchmark's server only (http-server.ts); nothing in the server knows about it.
import type { Database, Queryable } from '../../server/db/database.ts';
import { namedQuery } from '../../server/db/sql-files.ts';

/** Index of $11 ("include synthetic flows") among the parameters of every roll-up statement. */
const INCLUDE_SYNTHETIC = 10;

export function showingSynthetic(db: Database): Database {
  const rollupPrefix = `WITH ${namedQuery('flows_rollup')}`;
  const flip = (q: Queryable['query']): Queryable['query'] =>
    function <T>(sql: string, params?: readonly unknown[]) {
      if (params && sql.startsWith(rollupPrefix) && params[INCLUDE_SYNTHETIC] === false) {
        const p = [...params];
        p[INCLUDE_SYNTHETIC] = true;
        return q<T>(sql, p);
      }
      return q<T>(sql, params);
    };
  return {
    engine: db.engine,
    query: flip(db.query.bind(db)),
    exec: db.exec.bind(db),
    transaction: (fn) => db.transaction((tx) => fn({ query: flip(tx.query.bind(tx)), exec: tx.exec.bind(tx) })),
    close: () => db.close(),
  };
}
