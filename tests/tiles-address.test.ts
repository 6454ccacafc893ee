// Bad tile addresses are answered 400, unknown layers 404, and neither touches the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.ts';
import type { Running } from '../server/start.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

let t: TestDb;
let s: Running;
let queries = 0;

/** The same database, counting every statement the server sends. */
function counting(db: Database): Database {
  return {
    engine: db.engine,
    query: (sql, params) => {
      queries++;
      return db.query(sql, params);
    },
    exec: (sql) => {
      queries++;
      return db.exec(sql);
    },
    transaction: (fn) => {
      queries++;
      return db.transaction(fn);
    },
    close: () => db.close(),
  };
}

beforeAll(async () => {
  t = await emptyDb();
  s = await startTestServer(counting(t.db));
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});
beforeEach(() => {
  queries = 0;
});

async function get(path: string) {
  const r = await fetch(`${s.url}${path}`);
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  return { status: r.status, body, queries };
}

async function expectRejected(path: string, status: 400 | 404, message: RegExp) {
  const r = await get(path);
  expect(r.status).toBe(status);
  expect(r.body.error.message).toMatch(message);
  expect(r.queries).toBe(0);
}

describe('tile addresses', () => {
  it('accepts z 0 (the whole world in one tile)', async () => {
    const r = await get('/tiles/counties/0/0/0.pbf');
    expect(r.status).toBe(204); // below the layer's minzoom: a legal address with nothing to draw
  });

  it('accepts z at the layer maximum', async () => {
    const r = await get('/tiles/counties/14/13682/6863.pbf');
    expect(r.status).toBe(204); // the database is empty
    expect(r.queries).toBeGreaterThan(0);
  });

  it('rejects z above the layer maximum with 400', () =>
    expectRejected('/tiles/counties/15/0/0.pbf', 400, /z must be between 0 and 14 for layer counties/));

  it('rejects x = 2^z with 400', () => expectRejected('/tiles/counties/8/256/100.pbf', 400, /x must be between 0 and 255 at zoom 8/));

  it('rejects y = 2^z with 400', () => expectRejected('/tiles/counties/8/100/256.pbf', 400, /y must be between 0 and 255 at zoom 8/));

  it('rejects an exponent ("1e3") with 400', () => expectRejected('/tiles/counties/8/1e3/100.pbf', 400, /decimal digits only/));

  it('rejects a hex number ("0x10") with 400', () => expectRejected('/tiles/counties/8/0x10/100.pbf', 400, /decimal digits only/));

  it('rejects a negative coordinate with 400', () => expectRejected('/tiles/counties/8/-1/100.pbf', 400, /decimal digits only/));

  it('rejects an explicit plus sign with 400', () => expectRejected('/tiles/counties/8/+1/100.pbf', 400, /decimal digits only/));

  it('rejects leading junk before the digits with 400', () => expectRejected('/tiles/counties/8/a100/100.pbf', 400, /decimal digits only/));

  it('rejects a leading zero with 400', () => expectRejected('/tiles/counties/08/100/100.pbf', 400, /leading zeros/));

  it('rejects a decimal point with 400', () => expectRejected('/tiles/counties/8/100.5/100.pbf', 400, /decimal digits only/));

  it('rejects a number that is too long with 400', () =>
    expectRejected('/tiles/counties/8/100/123456789012345678901234567890.pbf', 400, /too many digits/));

  it('rejects a percent-encoded NUL with 400', () => expectRejected('/tiles/counties/8/%00/100.pbf', 400, /decimal digits only/));

  it('rejects the wrong extension with 400', () => expectRejected('/tiles/counties/8/100/100.png', 400, /must end in \.pbf/));

  it('rejects a missing extension with 400', () => expectRejected('/tiles/counties/8/100/100', 400, /must end in \.pbf/));

  it('rejects too few parts with 400', () => expectRejected('/tiles/counties/8/100.pbf', 400, /has the form/));

  it('rejects too many parts with 400', () => expectRejected('/tiles/counties/8/1/2/3.pbf', 400, /has the form/));

  it('rejects an unknown query parameter with 400', () => expectRejected('/tiles/counties/8/100/100.pbf?v=2', 400, /Unknown query parameter/));

  it('answers an unknown layer with 404', () => expectRejected('/tiles/rivers/8/100/100.pbf', 404, /No tile layer named "rivers"/));

  it('answers a layer name that is SQL with 404', () => expectRejected("/tiles/counties';DROP%20TABLE%20units;--/1/0/0.pbf", 404, /No tile layer/));

  it('answers an inherited object key as a layer name with 404', () => expectRejected('/tiles/__proto__/1/0/0.pbf', 404, /No tile layer/));

  it('answers TileJSON for an unknown layer with 404', () => expectRejected('/tiles/rivers.json', 404, /No tile layer named "rivers"/));
});
