// Load for the tile benchmark: requests with a fixed number in flight, and the CPU time the server process
// (bench/tile-server.ts, over IPC) and this process spend meanwhile.
import type { ChildProcess } from 'node:child_process';
import type { TileConnection } from './tile-client.ts';

/** CPU time (µs) the server process has used so far; it answers over IPC. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const cpu = (m as { cpuMicros?: number }).cpuMicros;
      if (cpu === undefined) return;
      child.off('message', on);
      resolve(cpu);
    };
    child.on('message', on);
    child.send('cpu');
  });
}

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Runs `n` jobs over `items`, `concurrency` at a time, each lane one after another; returns jobs per second. */
export async function throughput<T>(
  items: T[],
  n: number,
  concurrency: number,
  job: (item: T, lane: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (next < n) await job(items[next++ % items.length]!, lane);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

export async function fetchOk(conn: TileConnection, path: string): Promise<number> {
  const r = await conn.get(path);
  if (r.status !== 200 && r.status !== 204) throw new Error(`${path}: HTTP ${r.status}`);
  return r.ms;
}

/** Throughput plus the CPU each process spent per request (µs): where the machine's time went. */
export async function measured(child: ChildProcess, n: number, run: () => Promise<number>) {
  const [server0, client0] = [await serverCpu(child), ownCpu()];
  const perSecond = await run();
  const [server1, client1] = [await serverCpu(child), ownCpu()];
  return { perSecond, serverCpuUs: (server1 - server0) / n, clientCpuUs: (client1 - client0) / n };
}
