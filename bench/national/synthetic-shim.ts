// The public API never shows synthetic flows (every statement's "include synthetic" parameter is false on
// every route), so over the bench database it answers as if there were no flows at all. This wraps a
// Database so that the flow statements get that parameter set to true and nothing else changes: the same
// routes, SQL, parsing and JSON, over the synthetic flows. For the benchmark's server only (http-server.ts);
// nothing in the server knows about it.
import type { Database, Queryable } from '../../server/db/database.ts';
import { namedQuery } from '../../server/db/sql-files.ts';
import { flowFeaturesSql } from '../../server/tiles/flow-tiles.ts';

/** Statement prefix → index of its "include synthetic flows" parameter. */
function switches(): Array<[string, number]> {
  return [
    [`WITH ${namedQuery('flows_rollup')}`, 10], // every exact flow analysis ($11)
    [namedQuery('balance_cube'), 10], // the balance cube ($11, same parameter list)
    [namedQuery('balance_qualifier_cube'), 10], // the qualifier cube ($11, same parameter list)
    [flowFeaturesSql(), 1], // flow tiles ($2)
  ];
}

export function showingSynthetic(db: Database): Database {
  const known = switches();
  const flip = (q: Queryable['query']): Queryable['query'] =>
    function <T>(sql: string, params?: readonly unknown[]) {
      const hit = params && known.find(([prefix]) => sql.startsWith(prefix));
      if (hit && params[hit[1]] === false) {
        const p = [...params];
        p[hit[1]] = true;
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
