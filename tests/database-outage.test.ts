// The database goes away under a running server: clients get 503 with Retry-After (never a crash, never
// database text), and the server recovers by itself when the database returns. A TCP proxy in front of
// PostgreSQL plays the outage, so the shared test server keeps running for everyone else.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, testEngine, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import type { Running } from '../server/start.ts';
import { openPostgres } from '../server/db/postgres-database.ts';

const postgis = testEngine().kind === 'postgis';

class Proxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}
  async up(port = 0) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }
  async down() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe.runIf(postgis)('when the database is down', () => {
  let t: TestDb;
  let proxy: Proxy;
  let s: Running;
  beforeAll(async () => {
    t = await seededDb();
    const target = new URL(t.url!);
    proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
    const viaProxy = new URL(t.url!);
    viaProxy.port = String(proxy.port);
    const db = openPostgres({ url: viaProxy.toString(), poolMax: 2, poolWaitMs: 1000, statementTimeoutMs: 5000 });
    s = await startTestServer(db);
  });
  afterAll(async () => {
    await s?.close();
    await proxy?.down();
    await t?.drop();
  });

  it('answers 503 with Retry-After and no database text, then recovers by itself', async () => {
    expect((await fetch(`${s.url}/api/units?level=county`)).status).toBe(200);
    await proxy.down();
    const during = await fetch(`${s.url}/api/units?level=county&limit=5`);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = await during.text();
    expect(body).not.toMatch(/ECONNREFUSED|terminated|postgres|pg_|connect/i);
    expect((await fetch(`${s.url}/ready`)).status).toBe(503);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    await proxy.up(proxy.port);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await fetch(`${s.url}/api/units?level=county&limit=5`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
