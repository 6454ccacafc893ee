// Requests that node's HTTP parser refuses before any handler runs: a request line and headers over 16 KB,
// a malformed request line, raw spaces or NUL in the path, both Content-Length and Transfer-Encoding, a
// header that is not a token, a request that is too slow to arrive. Node answers those with an empty 400 or
// 431; here they get the same JSON error body as every other 4xx, so a client (or a proxy's log) learns
// what was wrong. The connection is closed afterwards: after a framing error its byte stream cannot be
// trusted for a next request.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { log } from '../log.ts';

interface ParserError extends Error {
  code?: string;
}

type Refusal = { status: number; code: string; message: string };

function refusal(code: string | undefined): Refusal {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'request_header_fields_too_large',
        message: 'The request line and headers are over 16 KB: shorten the URL (for many codes, page through them) or the headers.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request_timeout', message: 'The request did not arrive in time.' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_INVALID_CHUNK_SIZE':
      return { status: 400, code: 'bad_framing', message: 'The request body is framed ambiguously or wrongly (Content-Length and Transfer-Encoding).' };
    default:
      return {
        status: 400,
        code: 'bad_http',
        message: 'The request is not valid HTTP/1.1: check the request line (method, a percent-encoded path with no spaces, version) and the headers.',
      };
  }
}

/** The server's 'clientError' listener. */
export function answerClientError(err: ParserError, socket: Duplex): void {
  // A client that went away, or a socket that can no longer be written to: nothing to say.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const r = refusal(err.code);
  log.debug('request refused by the HTTP parser', { code: err.code, status: r.status });
  const body = JSON.stringify({ error: { status: r.status, code: r.code, message: r.message } });
  socket.end(
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
