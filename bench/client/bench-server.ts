// Starts and stops server-process.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkBenchServer, type BenchServer } from '../child-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export function startBenchServer(databaseUrl: string, o: { showSynthetic: boolean; seedDemo: boolean }): Promise<BenchServer> {
  return forkBenchServer(path.join(here, 'server-process.ts'), {
    DATABASE_URL: databaseUrl,
    ATLAS_SHOW_SYNTHETIC: String(o.showSynthetic),
    SEED_DEMO: String(o.seedDemo),
    // A 100k-flow answer at village level takes longer than the default 10 s statement timeout on a busy machine.
    STATEMENT_TIMEOUT_MS: '120000',
  });
}
