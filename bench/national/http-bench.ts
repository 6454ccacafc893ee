// Times API routes end to end over HTTP against the real server (http-server.ts) in a child process.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkBenchServer, type BenchServer } from '../child-server.ts';
import { type Timing, timePaired } from './measure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export function startBenchServer(databaseUrl: string, o: { showSynthetic: boolean; statementTimeoutMs: number }): Promise<BenchServer> {
  return forkBenchServer(path.join(here, 'http-server.ts'), {
    DATABASE_URL: databaseUrl,
    BENCH_SHOW_SYNTHETIC: o.showSynthetic ? '1' : '0',
    STATEMENT_TIMEOUT_MS: String(o.statementTimeoutMs),
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function getJson(url: string): Promise<{ status: number; bytes: number; body: Buffer; cache: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: body.length, body, cache: String(res.headers['x-answer-cache'] ?? '') });
        });
      })
      .on('error', reject);
  });
}

/** Rows of a balance answer: its `rows`, or in the series layout the entries of every series. */
function answerRows(body: { rows?: unknown[]; series?: { code: unknown[] }[] }): number {
  if (body.rows) return body.rows.length;
  if (body.series) return body.series.reduce((n, s) => n + s.code.length, 0);
  throw new Error('a balance answer has rows or series');
}

/** Times a GET; every response must be 200 and be a balance answer (rows or series). */
export async function timeGet(
  url: string,
  baseline: () => Promise<string>,
  o: { runs: number; warmup: number; onBaseline?: (ms: number) => void; before?: () => Promise<void> },
): Promise<Timing & { rows: number; bytes: number; cache: string }> {
  let cache = '';
  let rows = 0;
  let bytes = 0;
  const t = await timePaired(async () => {
    const r = await getJson(url);
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
    rows = answerRows(JSON.parse(r.body.toString('utf8')));
    bytes = r.bytes;
    cache = r.cache;
    return `${rows.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB, answer cache ${cache || 'n/a'}`;
  }, baseline, o);
  return { ...t, rows, bytes, cache };
}

export function closeAgent(): void {
  agent.destroy();
}
