// `npm start`: check the configuration, start, and say where the map is.
import { ConfigError, describeConfig, loadConfig } from './config.ts';
import { log, setLogLevel } from './log.ts';
import { startServer } from './start.ts';
import { DatabaseInUseError } from './db/pglite-lock.ts';

try {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  log.info('starting', describeConfig(config));
  const running = await startServer(config);
  log.info(`Chengxiang Atlas is serving ${running.url}/ (engine: ${running.db.engine})`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    // A folder in use is not a mistake in the settings; its message already says what to do.
    console.error(err instanceof DatabaseInUseError ? err.message : `Configuration error: ${err.message}`);
    process.exit(2);
  }
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
