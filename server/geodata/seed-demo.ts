import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

/** Imports the Wenzhou demo region (placeholder until the import pipeline lands). */
export async function seedDemo(_db: Database, _config: Config): Promise<void> {}
