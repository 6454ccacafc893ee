// Runs a benchmark's server script in a child process, so the server has its own event loop and its CPU
// time is apart from the measuring process. The script sends its URL once listening and stops on 'stop'.
import { fork } from 'node:child_process';

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export function forkBenchServer(script: string, env: Record<string, string>): Promise<BenchServer> {
  const child = fork(script, [], {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server there, as bench/tiles.ts does for its own.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env },
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
