import pg from 'pg';
import type { Database, Queryable, QueryOptions } from './database.ts';
import { log } from '../log.ts';

// int8 and numeric arrive as strings by default; counts and codes here fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PostgresOptions {
  url: string;
  poolMax: number;
  poolWaitMs: number;
  statementTimeoutMs: number;
  /** Memory per sort or hash step of a query (PostgreSQL's work_mem), in MB; default 32. */
  workMemMb?: number;
}

const rowsOf = (r: pg.QueryResult) => r.rows;

export function openPostgres(o: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.poolMax,
    // 0 would wait forever for a free client or a dead server; bound it so callers get a 503 instead.
    connectionTimeoutMillis: o.poolWaitMs,
    idleTimeoutMillis: 30_000,
    // statement_timeout really cancels the query on the server (query_timeout only gives up client-side).
    // JIT compiles a misestimated plan for hundreds of milliseconds; tile and API queries are short, so never pay it.
    // work_mem: the server's 4 MB default sends the national balance's grouping to disk; 32 MB took a
    // county balance with a mechanism filter over 1M flows from 710 to 480 ms (docs/bench-national.md).
    options: `-c statement_timeout=${o.statementTimeoutMs} -c jit=off -c work_mem=${o.workMemMb ?? 32}MB`,
    application_name: 'chengxiang-atlas',
  });
  // Without this listener a backend killed while idle (57P01) crashes the whole process.
  pool.on('error', (err) => log.error('idle database client failed', { code: (err as { code?: string }).code, message: err.message }));

  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    // Not async: a cold tile waits on this, and an async wrapper adds a promise and a microtask between
    // the database's answer and the response.
    query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]> {
      try {
        const r = options?.name ? c.query({ name: options.name, text: sql, values: params as unknown[] }) : c.query(sql, params as unknown[]);
        return r.then(rowsOf) as Promise<T[]>;
      } catch (err) {
        return Promise.reject(err); // as the async function did: callers only ever see a rejection
      }
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const root = wrap(pool);
  return {
    engine: 'postgis',
    query: root.query,
    exec: root.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
