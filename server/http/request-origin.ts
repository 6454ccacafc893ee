// The origin a client reached this server at, for absolute links (tile URLs, OGC links, paging). The Host
// header is checked before use: a raw "a b", "[::" or port 99999 would make `new URL` throw, and a hostile
// Host must not end up in links other clients are given.
import type { Request } from 'express';

const HOST = /^([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** A malformed Host falls back to the socket's own address. */
export function requestOrigin(req: Request): string {
  const host = req.get('host') ?? '';
  if (HOST.test(host)) return `${req.protocol}://${host}`;
  const addr = req.socket.localAddress ?? '127.0.0.1';
  return `${req.protocol}://${addr.includes(':') ? `[${addr}]` : addr}:${req.socket.localPort}`;
}
