// CPU time used by the Chromium processes this process launched (renderer, GPU process with SwiftShader,
// browser), read from /proc: unlike wall time, it hardly moves when other work shares the machine.
// Linux only. A process that exits between two readings takes its time with it: read before closing pages.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Pids descended from this process whose command line is a Chromium's and passes `match` (all by default). */
export function ownChromiumProcesses(match: (args: string) => boolean = () => true): number[] {
  const rows = execSync('ps -eo pid,ppid,args').toString().split('\n').flatMap((l) => {
    const m = l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/);
    return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }] : [];
  });
  const mine = new Set([process.pid]);
  for (let depth = 0; depth < 6; depth++) for (const r of rows) if (mine.has(r.ppid)) mine.add(r.pid);
  return rows.filter((r) => r.pid !== process.pid && mine.has(r.pid) && /chrom/i.test(r.args) && match(r.args)).map((r) => r.pid);
}

/** CPU milliseconds a process has used so far (0 once it has exited). */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU milliseconds per live Chromium process, by pid. */
export const chromiumCpu = (): Map<number, number> => new Map(ownChromiumProcesses().map((pid) => [pid, cpuMsOf(pid)]));

/** CPU milliseconds used between two readings, processes started in between counted from zero. */
export const cpuBetween = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
