import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DataVersion } from './db/data-version.ts';

/** What every route module is given: built once at start-up. */
export interface AppContext {
  config: Config;
  db: Database;
  dataVersion: DataVersion;
}
