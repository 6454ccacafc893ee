// Answers of the flow read routes, kept per data version: an answer depends only on the normalised URL and
// the data version (the same pair the ETag names), so a repeat is sent from memory without touching the
// database. Byte-bounded LRU; once a newer version is seen every older answer is dropped at once, so a write
// never serves a stale answer from this process (other processes' writes are seen as fast as the ETags see
// them: data-version.ts re-reads the version at most every second).
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import { notModified } from '../flows/versioned.ts';
import { JsonText } from './json-text.ts';

/** Enough for a few national answers (the full county balance is 17 MB of JSON). */
const MAX_BYTES = 96 * 1024 * 1024;

export class AnswerCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  private version = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  get(key: string, version: number): Buffer | undefined {
    this.observe(version);
    if (version < this.version) return undefined;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-inserted as most recently used (a Map iterates in insertion order)
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, version: number, body: Buffer): void {
    this.observe(version);
    if (version < this.version || body.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.length;
    this.entries.delete(key);
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private observe(version: number): void {
    if (version > this.version) {
      this.version = version;
      this.entries.clear();
      this.bytes = 0;
    }
  }
}

/** Path plus the query parameters sorted by name, so the order they were written in does not matter. */
export function normalisedUrl(req: Request): string {
  const q = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const sorted = [...q.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${req.path}?${new URLSearchParams(sorted).toString()}`;
}

const caches = new WeakMap<AppContext, AnswerCache>();

/**
 * Answers 304 when the client's copy is current (ETag), else the cached answer for this URL and data version,
 * else computes it, sends it as JSON and keeps it (an answer already written as JsonText is sent as it is).
 * Call after the request has been validated.
 */
export async function sendAnswer(ctx: AppContext, req: Request, res: Response, compute: () => Promise<unknown>, type = 'application/json'): Promise<void> {
  if (await notModified(ctx, req, res)) return;
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new AnswerCache()));
  const version = await ctx.dataVersion.current();
  const key = normalisedUrl(req);
  let body = cache.get(key, version);
  res.set('X-Answer-Cache', body ? 'hit' : 'miss');
  if (!body) {
    const answer = await compute();
    body = answer instanceof JsonText ? answer.toBuffer() : Buffer.from(JSON.stringify(answer));
    cache.set(key, version, body);
  }
  res.type(type).send(body);
}
