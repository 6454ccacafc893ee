// The server under test, in its own process so that the benchmark's client does not share its event loop.
// Started by bench/tiles.ts with DATABASE_URL pointing at the bench database; reports its URL over IPC, and
// its CPU time (user + system, microseconds) whenever asked, so the benchmark can say where the CPU went.
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/start.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'error' });
const running = await startServer(config);
process.send?.({ url: running.url });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  } else if (m === 'stop') {
    await running.close();
    process.exit(0);
  }
});
