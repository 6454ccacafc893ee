import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { clientRouter } from '../server/http/client-router.ts';

// A hand-made one-page build, so this pins down the router's /embed alone (the real page is driven in
// tests/browser/embed-iframe.test.ts).
let dir: string;
const servers: http.Server[] = [];
const page = '<!doctype html><html lang="zh-CN"><title>城乡图谱</title></html>';

async function serve(ctx: Partial<AppContext>): Promise<string> {
  const app = express();
  app.use(clientRouter(ctx as AppContext, dir));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-embed-router-'));
  fs.writeFileSync(path.join(dir, 'index.html'), page);
  const entry = { path: '/index.html', file: 'index.html', type: 'text/html; charset=utf-8', size: Buffer.byteLength(page), sha1: crypto.createHash('sha1').update(page).digest('hex'), gzip: false };
  fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ builtAt: new Date().toISOString(), files: [entry], tilePyramids: [] }));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embed page', () => {
  it('is the map page, which any site may frame by default, with no X-Frame-Options', async () => {
    const base = await serve({ config: loadConfig({ PORT: '0' }) });
    for (const p of ['/embed', '/embed/']) {
      const r = await fetch(`${base}${p}`);
      expect(r.status).toBe(200);
      expect(await r.text()).toBe(page);
      expect(r.headers.get('x-frame-options')).toBeNull();
      const csp = r.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toMatch(/; frame-ancestors \*$/);
    }
  });

  it('may be framed only by the sites EMBED_FRAME_ANCESTORS names', async () => {
    const base = await serve({ config: loadConfig({ PORT: '0', EMBED_FRAME_ANCESTORS: "'self'  https://news.example" }) });
    const csp = (await fetch(`${base}/embed`)).headers.get('content-security-policy')!;
    expect(csp).toMatch(/; frame-ancestors 'self' https:\/\/news\.example$/);
  });

  it('leaves the full map page policy as it was', async () => {
    const base = await serve({ config: loadConfig({ PORT: '0', EMBED_FRAME_ANCESTORS: 'https://news.example' }) });
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy')!;
    expect(csp).not.toContain('frame-ancestors');
    expect(csp).not.toContain('news.example');
  });
});

describe('EMBED_FRAME_ANCESTORS', () => {
  it('rejects anything that is not a CSP source, so it cannot rewrite the header', () => {
    for (const bad of ["https://a.example; script-src 'unsafe-inline'", 'javascript:alert(1)', "'unsafe-inline'", 'https://a.example/path']) {
      expect(() => loadConfig({ PORT: '0', EMBED_FRAME_ANCESTORS: bad }), bad).toThrow(ConfigError);
    }
  });

  it("accepts *, 'self', 'none', origins with ports and wildcard subdomains", () => {
    expect(loadConfig({ PORT: '0' }).embedFrameAncestors).toBe('*');
    expect(loadConfig({ PORT: '0', EMBED_FRAME_ANCESTORS: "'none'" }).embedFrameAncestors).toBe("'none'");
    expect(loadConfig({ PORT: '0', EMBED_FRAME_ANCESTORS: 'https://*.example.org http://127.0.0.1:8081' }).embedFrameAncestors).toBe('https://*.example.org http://127.0.0.1:8081');
  });
});
