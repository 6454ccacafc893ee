// Progress for people watching an import: counts and percentages on stderr, throttled so a large file
// does not flood the terminal. Silent when no stream is given (the demo seed, tests).
export interface Progress {
  step(what: string, done: number, total: number): void;
  note(message: string): void;
}

export const silentProgress: Progress = { step() {}, note() {} };

export function streamProgress(out: NodeJS.WritableStream, minIntervalMs = 250): Progress {
  let last = 0;
  return {
    step(what, done, total) {
      const now = Date.now();
      if (done < total && now - last < minIntervalMs) return;
      last = now;
      const pct = total ? Math.round((done / total) * 100) : 100;
      out.write(`[import] ${what}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${pct}%)\n`);
    },
    note(message) {
      out.write(`[import] ${message}\n`);
    },
  };
}
