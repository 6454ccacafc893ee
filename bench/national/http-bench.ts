// Times API routes end to end over HTTP against the real server (http-server.ts) in a child process.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkBenchServer, type BenchServer } from '../child-server.ts';
import { median, type Timing, timePaired } from './measure.ts';

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

/**
 * Times a GET; every response must be 200 and be a balance answer (rows or series). The timed run ends
 * after the client's JSON.parse of the body, as a browser's would; the detail also gives the median time
 * to the last byte and of the parse alone, since the parse of a large answer is the client's cost, not
 * the server's (18 MB of rows take this client 90-150 ms to parse).
 */
export async function timeGet(
  url: string,
  baseline: () => Promise<string>,
  o: { runs: number; warmup: number; onBaseline?: (ms: number) => void; before?: () => Promise<void> },
): Promise<Timing & { rows: number; bytes: number; cache: string; lastByte: number; parse: number }> {
  let cache = '';
  let rows = 0;
  let bytes = 0;
  const lastByte: number[] = [];
  const parse: number[] = [];
  const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
  const t = await timePaired(async () => {
    const started = process.hrtime.bigint();
    const r = await getJson(url);
    lastByte.push(ms(started));
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
    const parsing = process.hrtime.bigint();
    rows = answerRows(JSON.parse(r.body.toString('utf8')));
    parse.push(ms(parsing));
    bytes = r.bytes;
    cache = r.cache;
    return `${rows.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB, answer cache ${cache || 'n/a'}`;
  }, baseline, o);
  // The warm-up runs come first; only the counted runs are summarised.
  const counted = (xs: number[]) => median(xs.slice(o.warmup));
  const split = { lastByte: counted(lastByte), parse: counted(parse) };
  const detail = `${t.detail}; to the last byte ${split.lastByte.toFixed(0)} ms, the client's parse ${split.parse.toFixed(0)} ms (medians)`;
  return { ...t, detail, rows, bytes, cache, ...split };
}

export function closeAgent(): void {
  agent.destroy();
}
