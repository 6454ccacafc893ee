// Starts and stops server-process.ts.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export function startBenchServer(databaseUrl: string, o: { showSynthetic: boolean; seedDemo: boolean }): Promise<BenchServer> {
  const child = fork(path.join(here, 'server-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    // A 100k-flow answer at village level takes longer than the default 10 s statement timeout on a busy machine.
    env: { ...process.env, DATABASE_URL: databaseUrl, ATLAS_SHOW_SYNTHETIC: String(o.showSynthetic), SEED_DEMO: String(o.seedDemo), STATEMENT_TIMEOUT_MS: '120000' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (m) =>
      resolve({
        url: (m as { url: string }).url,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send('stop');
          }),
      }),
    );
  });
}
