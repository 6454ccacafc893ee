// The floor for bench/tile-floor.ts: the least an HTTP server on this stack can add to a tile's database
// time. node:http, the layer's SQL as the same named prepared statement through the same pool code, gzip
// level 1 from 1,200 bytes as the real server, one writeHead and one end: no address validation, ETag
// logic, data version or cache. A repeated request for the tile it just built is answered from memory once,
// so that its pattern of database use matches the real server's (whose warm request is a cache hit).
// GET /bare answers a fixed 1 KB body: the bare keep-alive exchange.
import http from 'node:http';
import zlib from 'node:zlib';
import { loadConfig } from '../server/config.ts';
import { openPostgres } from '../server/db/postgres-database.ts';
import { buildLayerRegistry, type LayerId } from '../server/tiles/layers.ts';
import { tileParams } from '../server/tiles/tile-source.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'error' });
const db = openPostgres({ url: config.databaseUrl!, poolMax: config.poolMax, poolWaitMs: config.poolWaitMs, statementTimeoutMs: config.statementTimeoutMs, workMemMb: config.dbWorkMemMb });
const layers = buildLayerRegistry('postgis');
const BARE = Buffer.alloc(1024, 1);
const headers = (length: number, gzipped: boolean) => [
  'ETag', '"floor"', 'Cache-Control', 'public, max-age=60', 'Vary', 'Accept-Encoding',
  'Content-Type', 'application/vnd.mapbox-vector-tile', 'Content-Length', String(length),
  ...(gzipped ? ['Content-Encoding', 'gzip'] : []),
];
let last: { url: string; status: number; head: string[]; body: Buffer } | undefined;

const server = http.createServer((req, res) => {
  const url = req.url!;
  if (url === '/bare') return void res.writeHead(200, headers(BARE.length, false)).end(BARE);
  if (last?.url === url) {
    const { status, head, body } = last;
    last = undefined;
    return void res.writeHead(status, head).end(body);
  }
  const [, , layerId, z, x, y] = url.slice(0, -'.pbf'.length).split('/');
  const address = { layer: layers.get(layerId as LayerId)!, z: Number(z), x: Number(x), y: Number(y) };
  const answer = (status: number, head: string[], body: Buffer) => {
    res.writeHead(status, head).end(body);
    last = { url, status, head, body };
  };
  if (address.z < address.layer.minzoom) return answer(204, ['ETag', '"floor"'], Buffer.alloc(0));
  db.query<{ mvt: Buffer }>(address.layer.sql, tileParams(address), { name: address.layer.statement }).then(([row]) => {
    const mvt = row!.mvt;
    if (mvt.length === 0) return answer(204, ['ETag', '"floor"'], mvt);
    const gzipped = mvt.length >= 1_200;
    const body = gzipped ? zlib.gzipSync(mvt, { level: 1 }) : mvt;
    answer(200, headers(body.length, gzipped), body);
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
process.on('message', (m) => {
  if (m === 'stop') void db.close().then(() => process.exit(0));
});
