// The real server (startServer, SEED_DEMO=false) on port 0 against the bench database, in its own process
// so that the benchmark's client does not share its event loop. Started by http-bench.ts; reports its URL
// over IPC and stops on 'stop'. BENCH_SHOW_SYNTHETIC=1 serves the synthetic flows (synthetic-shim.ts).
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { startServer } from '../../server/start.ts';
import { showingSynthetic } from './synthetic-shim.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'error' });
const db = await openDatabase(config);
const running = await startServer(config, process.env.BENCH_SHOW_SYNTHETIC === '1' ? showingSynthetic(db) : db);
process.send?.({ url: running.url });
process.on('message', async (m) => {
  if (m === 'stop') {
    await running.close();
    await db.close();
    process.exit(0);
  }
});
