// Requests node's HTTP parser refuses before any handler runs still get a JSON error with a message, as
// every other 4xx does, and the server goes on serving. Sent over a raw socket: fetch cannot send them.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../server/start.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

let t: TestDb;
let running: Running;
let port: number;

beforeAll(async () => {
  t = await emptyDb();
  running = await startTestServer(t.db);
  port = Number(new URL(running.url).port);
}, 120_000);

afterAll(async () => {
  await running?.close();
  await t?.drop();
});

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes the bytes as they are and reads until the server closes or a whole reply has arrived. */
function raw(request: string | Buffer): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no reply within 5 s'));
    }, 5_000);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    socket.on('data', (c) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
      if (end >= 0 && length !== undefined && Buffer.byteLength(text.slice(end + 4)) >= Number(length)) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

function expectJsonError(reply: RawReply, status: number) {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(reply.body) as { error: { status: number; message: string } };
  expect(body.error.status).toBe(status);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

describe('requests the HTTP parser refuses', () => {
  it('answers a request line and headers over 16 KB with 431 and a JSON message', async () => {
    const reply = await raw(`GET /api/units?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(expectJsonError(reply, 431)).toMatch(/16 KB/);
  });

  it('answers a path with a raw space in it with 400 and a JSON message', async () => {
    expectJsonError(await raw('GET /api/units/330302 000000 HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
  });

  it('answers a malformed request line with 400 and a JSON message', async () => {
    expectJsonError(await raw('THIS IS NOT HTTP\r\n\r\n'), 400);
  });

  it('answers a header name that is not a token with 400 and a JSON message', async () => {
    expectJsonError(await raw('GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'), 400);
  });

  it('answers a body framed by both Content-Length and Transfer-Encoding with 400, naming the framing', async () => {
    const reply = await raw('POST /api/flows HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(expectJsonError(reply, 400)).toMatch(/Content-Length and Transfer-Encoding/);
  });

  it('answers an HTTP/1.1 request without a Host header with 400 and a JSON message', async () => {
    expect(expectJsonError(await raw('GET /health HTTP/1.1\r\n\r\n'), 400)).toMatch(/Host/);
  });

  it('still serves an HTTP/1.0 request without a Host header, which that version allows', async () => {
    const reply = await raw('GET /health HTTP/1.0\r\n\r\n');
    expect(reply.status).toBe(200);
  });

  it('goes on serving after the refusals', async () => {
    const res = await fetch(`${running.url}/health`);
    expect(res.status).toBe(200);
  });
});
