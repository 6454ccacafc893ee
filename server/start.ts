// Opens the database, brings the schema up to date, seeds the demo if empty, and returns a ready app.
// Shared by `npm start` and the integration tests, so both run exactly the same start-up.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { ConfigError, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import { openDatabase } from './db/open-database.ts';
import { migrate } from './db/migrate.ts';
import { dataVersion } from './db/data-version.ts';
import { createApp } from './app.ts';
import { answerClientError } from './http/client-error.ts';
import { log } from './log.ts';

export interface Running {
  url: string;
  server: http.Server;
  db: Database;
  close(): Promise<void>;
}

/** Listens, turning a taken port into a ConfigError that says what to do. */
function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new ConfigError(`port ${port} on ${host} is already in use (another npm start?): stop that server, or set PORT to a free port`) : err),
    );
    server.listen(port, host, () => resolve());
  });
}

export async function startServer(config: Config, existingDb?: Database): Promise<Running> {
  // A taken port is said at once, not after the database start-up (seconds; ~17 s on a first embedded start).
  if (config.port !== 0) {
    const probe = net.createServer();
    await listen(probe, config.port, config.host);
    await new Promise((resolve) => probe.close(resolve));
  }
  const db = existingDb ?? (await openDatabase(config));
  const applied = await migrate(db);
  if (applied.length) log.info('schema migrated', { applied });
  if (config.seedDemo) {
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
    if (!rows[0]?.n) {
      const { seedAll } = await import('./seed.ts');
      await seedAll(db, config);
    }
  }
  const app = createApp({ config, db, dataVersion: dataVersion(db) });
  // Host is checked by the app (server/app.ts), so that its absence gets a JSON answer like every other 400.
  const server = http.createServer({ requireHostHeader: false }, app);
  server.on('clientError', answerClientError);
  try {
    await listen(server, config.port, config.host);
  } catch (err) {
    if (!existingDb) await db.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    url,
    server,
    db,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      if (!existingDb) await db.close();
    },
  };
}
