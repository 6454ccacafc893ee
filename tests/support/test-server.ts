// Starts the real server on port 0 against a test database.
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { startServer, type Running } from '../../server/start.ts';

export async function startTestServer(db: Database, env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PORT: '0', SEED_DEMO: 'false', ...env });
  return startServer(config, db);
}
