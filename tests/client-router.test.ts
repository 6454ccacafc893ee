import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../server/context.ts';
import { clientRouter } from '../server/http/client-router.ts';
import { errorMiddleware, notFound } from '../server/http/errors.ts';

// A hand-made client directory, so these tests pin down the router alone (the real build is covered by
// tests/browser/first-map.test.ts).
let dir: string;
let server: http.Server;
let base: string;
const page = '<!doctype html><html lang="zh-CN"><title>城乡图谱</title></html>';

function writeBuild(files: Record<string, string>) {
  const entries = Object.entries(files).map(([file, text]) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    fs.writeFileSync(path.join(dir, `${file}.gz`), zlib.gzipSync(text));
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    return { path: `/${file}`, file, type, size: Buffer.byteLength(text), sha1: crypto.createHash('sha1').update(text).digest('hex'), gzip: true };
  });
  const tilePyramids = [{ prefix: '/basemap/tiles/', maxzoom: 8 }];
  fs.writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ builtAt: new Date().toISOString(), files: entries, tilePyramids }));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-client-router-'));
  const app = express();
  app.use(clientRouter({} as AppContext, dir));
  app.use((req, _res, next) => next(notFound(`No route for ${req.path}`)));
  app.use(errorMiddleware);
  server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

// fetch() always asks for gzip; node's http.get asks for nothing unless told.
function get(p: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${base}${p}`, { headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the map client', () => {
  it('answers 503 with a clear message before the client is built', async () => {
    const r = await get('/');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body.toString()).error.message).toMatch(/npm run build:client/);
  });

  it('serves / as the page, with a policy that allows this origin only', async () => {
    writeBuild({ 'index.html': page, 'app.js': 'console.log(1)' });
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body.toString()).toContain('lang="zh-CN"');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('sends the gzip copy only to clients that accept it, each with its own ETag', async () => {
    const plain = await get('/app.js');
    const gz = await get('/app.js', { 'accept-encoding': 'gzip, deflate' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('console.log(1)');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe('console.log(1)');
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect(gz.headers.vary).toBe('Accept-Encoding');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/app.js');
    const again = await get('/app.js', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers HEAD with headers and no body', async () => {
    const r = await get('/app.js', {}, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String('console.log(1)'.length));
    expect(r.body.length).toBe(0);
  });

  it('serves nothing that the build manifest does not list', async () => {
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for you');
    for (const p of ['/secret.txt', '/build.json', '/app.js.gz', '/../package.json', '/%2e%2e/package.json', '/index.html/']) {
      expect((await get(p)).status, p).toBe(404);
    }
  });

  it('answers 204 for an empty basemap tile inside the pyramid, 404 outside it', async () => {
    expect((await get('/basemap/tiles/3/6/3.pbf')).status).toBe(204);
    for (const p of ['/basemap/tiles/9/400/200.pbf', '/basemap/tiles/3/8/3.pbf', '/basemap/tiles/3/6/x.pbf', '/basemap/tiles/3/6/3.pbf/', '/basemap/other/3/6/3.pbf']) {
      expect((await get(p)).status, p).toBe(404);
    }
  });

  it('picks up a rebuild without a restart', async () => {
    await new Promise((r) => setTimeout(r, 20)); // a new mtime for build.json
    writeBuild({ 'index.html': page.replace('城乡图谱', '城乡图谱 v2'), 'app.js': 'console.log(2)' });
    expect((await get('/')).body.toString()).toContain('v2');
    expect((await get('/app.js')).body.toString()).toBe('console.log(2)');
  });
});
