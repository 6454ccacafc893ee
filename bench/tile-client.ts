// A lean HTTP/1.1 client for the tile benchmark: one keep-alive socket per request in flight, one request at
// a time on each (no pipelining, as browsers do), and only as much parsing as a tile response needs.
// node:http's client costs several times more CPU per request than the server's work on a cached tile; on a
// 2-core machine that CPU is taken from the server being measured, so the load generator has to be cheap.
import net from 'node:net';

export interface Reply {
  status: number;
  /** Body bytes received (Content-Length; tiles are never chunked). */
  bytes: number;
  ms: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class TileConnection {
  private socket!: net.Socket;
  private ready!: Promise<void>;
  private closed = true;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void; t0: number } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** (Re)connects when needed: the server closes idle keep-alive connections after a few seconds. */
  private connect(): void {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.closed = false;
    this.buffered = Buffer.alloc(0);
    this.ready = new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => {
      this.closed = true;
      this.fail(new Error('connection closed by the server'));
    });
  }

  async get(path: string, headers = 'Accept-Encoding: gzip\r\n'): Promise<Reply> {
    if (this.closed) this.connect();
    await this.ready;
    if (this.waiting) throw new Error('one request at a time per connection');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, t0: performance.now() };
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${this.host}\r\n${headers}\r\n`);
    });
  }

  close(): void {
    if (this.closed) return;
    this.socket.removeAllListeners('close');
    this.socket.destroy();
    this.closed = true;
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0 || !this.waiting) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const lengthMatch = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (/\r\ntransfer-encoding:/i.test(head)) return this.fail(new Error('chunked responses are not expected for tiles'));
    const bytes = lengthMatch ? Number(lengthMatch[1]) : 0;
    const total = headEnd + HEAD_END.length + bytes;
    if (this.buffered.length < total) return;
    if (this.buffered.length > total) return this.fail(new Error('unexpected bytes after a response'));
    this.buffered = Buffer.alloc(0);
    const { resolve, t0 } = this.waiting;
    this.waiting = undefined;
    resolve({ status, bytes, ms: performance.now() - t0 });
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }
}

/** `n` connections to the server at `url` (http://host:port). */
export function connectPool(url: string, n: number): TileConnection[] {
  const { hostname, port } = new URL(url);
  return Array.from({ length: n }, () => new TileConnection(hostname, Number(port)));
}
