import { PGlite, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable } from './database.ts';
import { lockPgliteDir } from './pglite-lock.ts';

export interface PgliteOptions {
  /** A directory to persist into, or "memory". */
  dir: string;
  /** A data-dir tarball (from dumpDataDir) to start from; used by tests to skip the import. */
  loadDataDir?: Blob;
}

// Match node-postgres: numeric and bigint come back as numbers, so both engines give the same answers.
const parsers = { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) };

export async function openPglite(o: PgliteOptions): Promise<Database & { dump(): Promise<Blob> }> {
  // A folder is one process's: take it before PGlite reads a byte of it (memory is ours alone anyway).
  const lock = o.dir === 'memory' ? undefined : lockPgliteDir(o.dir);
  let db: PGlite;
  try {
    db = await PGlite.create({
      dataDir: o.dir === 'memory' ? undefined : o.dir,
      extensions: { postgis },
      parsers,
      loadDataDir: o.loadDataDir,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
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
    close: async () => {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
    dump: () => db.dumpDataDir('none') as Promise<Blob>,
  };
}
