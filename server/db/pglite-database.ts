import fs from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable } from './database.ts';

export interface PgliteOptions {
  /** A directory to persist into, or "memory". */
  dir: string;
  /** A data-dir tarball (from dumpDataDir) to start from; used by tests to skip the import. */
  loadDataDir?: Blob;
}

// Match node-postgres: numeric and bigint come back as numbers, so both engines give the same answers.
const parsers = { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) };

export async function openPglite(o: PgliteOptions): Promise<Database & { dump(): Promise<Blob> }> {
  if (o.dir !== 'memory') fs.mkdirSync(o.dir, { recursive: true });
  const db = await PGlite.create({
    dataDir: o.dir === 'memory' ? undefined : o.dir,
    extensions: { postgis },
    parsers,
    loadDataDir: o.loadDataDir,
  });
  const wrap = (c: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await c.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
  });
  const root = wrap(db);
  return {
    engine: 'pglite',
    query: root.query,
    exec: root.exec,
    // PGlite is single-connection, so its transaction() serialises with other work, as a pool of 1 would.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
    dump: () => db.dumpDataDir('none') as Promise<Blob>,
  };
}
