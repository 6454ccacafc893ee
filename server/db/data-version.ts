// The data versions name the current state of the data. Every write bumps `version` inside the writing
// transaction, so a reader never sees new data under an old version. Writes that change units or their
// generalised shapes also bump `units_version`, which is all the boundary tile layers draw: their caches and
// ETags follow it, so a flow edit leaves them valid. API answers, OGC and flow tiles follow `version`.
import type { Database, Queryable } from './database.ts';

/** Which version a reader follows: `data` (every write) or `units` (unit and generalised-shape writes). */
export type VersionDomain = 'data' | 'units';

export interface DataVersion {
  /** The version of `domain` (default `data`) as last read; cheap, refreshed at most every refreshMs. */
  current(domain?: VersionDomain): Promise<number>;
  /** Call inside a write transaction; `units` when the write changes units or their generalised shapes.
   * Returns the new data version. */
  bump(tx: Queryable, o?: { units?: boolean }): Promise<number>;
}

type Versions = Record<VersionDomain, number>;

export function dataVersion(db: Database, refreshMs = 1000): DataVersion {
  // Fresh values are handed out as the same settled promises: every tile request asks, and an async
  // function would allocate a promise (and a microtask) per call for a number already known.
  let settled: Record<VersionDomain, Promise<number>> = { data: Promise.resolve(0), units: Promise.resolve(0) };
  let readAt = 0;
  let pending: Promise<void> | undefined;
  // Both numbers in one read, so one refresh a second serves every domain.
  const read = async () => {
    const rows = await db.query<{ version: number; units_version: number }>('SELECT version, units_version FROM data_version');
    const data = Number(rows[0]?.version ?? 0);
    const units = Number(rows[0]?.units_version ?? 0);
    settled = { data: Promise.resolve(data), units: Promise.resolve(units) };
    readAt = Date.now();
  };
  return {
    current(domain = 'data') {
      if (Date.now() - readAt < refreshMs) return settled[domain];
      pending ??= read().finally(() => (pending = undefined));
      return pending.then(() => settled[domain]);
    },
    async bump(tx, o) {
      const rows = await tx.query<{ version: number }>(
        o?.units
          ? 'UPDATE data_version SET version = version + 1, units_version = units_version + 1, changed_at = now() RETURNING version'
          : 'UPDATE data_version SET version = version + 1, changed_at = now() RETURNING version',
      );
      // Forget the cached values so this process sees its own write at once.
      readAt = 0;
      return Number(rows[0]?.version);
    },
  };
}
