// The real server on port 0 in its own process (so the browser and the bench's own code do not share its
// event loop), against one bench database. Reports its URL over IPC; stops on 'stop'. SEED_DEMO imports
// the Wenzhou demo into an empty database, as `npm start` does; ATLAS_SHOW_SYNTHETIC comes from the parent.
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/start.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ALLOW_DOWNLOAD: 'false' });
const running = await startServer(config);
process.send?.({ url: running.url });
process.on('message', async (m) => {
  if (m === 'stop') {
    await running.close();
    process.exit(0);
  }
});
