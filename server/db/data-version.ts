// The data version names the current state of the data. Tile caches and ETags key on it, and every write
// bumps it inside the writing transaction, so a reader never sees new data under an old version.
import type { Database, Queryable } from './database.ts';

export interface DataVersion {
  /** The version as last read; cheap, refreshed at most every refreshMs. */
  current(): Promise<number>;
  /** Call inside a write transaction. */
  bump(tx: Queryable): Promise<number>;
}

export function dataVersion(db: Database, refreshMs = 1000): DataVersion {
  let value = 0;
  let readAt = 0;
  let pending: Promise<number> | undefined;
  const read = async () => {
    const rows = await db.query<{ version: number }>('SELECT version FROM data_version');
    value = Number(rows[0]?.version ?? 0);
    readAt = Date.now();
    return value;
  };
  return {
    async current() {
      if (Date.now() - readAt < refreshMs) return value;
      pending ??= read().finally(() => (pending = undefined));
      return pending;
    },
    async bump(tx) {
      const rows = await tx.query<{ version: number }>(
        'UPDATE data_version SET version = version + 1, changed_at = now() RETURNING version',
      );
      // Forget the cached value so this process sees its own write at once.
      readAt = 0;
      return Number(rows[0]?.version);
    },
  };
}
