// The one database interface the rest of the server sees. Two engines implement it: a node-postgres pool
// against a real PostgreSQL/PostGIS server, and embedded PGlite + PostGIS for running with no server.
export type Engine = 'postgis' | 'pglite';

export interface QueryOptions {
  /**
   * Run as a named prepared statement: PostgreSQL parses and plans the text once per connection instead of
   * on every call. Only for SQL that is fixed at start-up (one name, one text, for the life of the process).
   * Engines without named statements (PGlite) run the text as usual.
   */
  name?: string;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements (migrations, DDL); no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Runs fn in one transaction: everything it wrote is committed together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
