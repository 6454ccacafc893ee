// The tile cache keeps within its byte budget, evicts the least recently used tile first, and drops every
// tile of an older version of its domain (units or data) as soon as a newer version of that domain is seen.
import { describe, expect, it } from 'vitest';
import type { VersionDomain } from '../server/db/data-version.ts';
import { TileCache, type CachedTile } from '../server/tiles/tile-cache.ts';

const tile = (version: number, bytes: number, domain: VersionDomain = 'data'): CachedTile => ({
  domain,
  version,
  features: 1,
  body: Buffer.alloc(bytes, 1),
  gzipped: true,
});

describe('tile cache', () => {
  it('stays within its byte budget', () => {
    const cache = new TileCache(10_000);
    for (let i = 0; i < 100; i++) cache.set(`counties/8/${i}/0`, tile(1, 1_000));
    expect(cache.usedBytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(10);
  });

  it('evicts the least recently used tile first', () => {
    const cache = new TileCache(3 * 1_200);
    cache.set('a', tile(1, 1_000));
    cache.set('b', tile(1, 1_000));
    cache.set('c', tile(1, 1_000));
    expect(cache.get('a', 'data', 1)).toBeDefined(); // a is now the most recent
    cache.set('d', tile(1, 1_000));
    expect(cache.get('b', 'data', 1)).toBeUndefined();
    expect(cache.get('a', 'data', 1)).toBeDefined();
    expect(cache.get('d', 'data', 1)).toBeDefined();
  });

  it('still moves a read tile to the front after others were stored or read since it was last the newest', () => {
    const cache = new TileCache(2 * 1_200);
    cache.set('a', tile(1, 1_000));
    expect(cache.get('a', 'data', 1)).toBeDefined(); // already the newest: nothing to move
    cache.set('b', tile(1, 1_000));
    expect(cache.get('a', 'data', 1)).toBeDefined(); // b was stored since: a must move to the front again
    cache.set('c', tile(1, 1_000));
    expect(cache.get('b', 'data', 1)).toBeUndefined();
    expect(cache.get('a', 'data', 1)).toBeDefined();
    expect(cache.get('c', 'data', 1)).toBeDefined();
    expect(cache.get('a', 'data', 1)).toBeDefined(); // c was read since: a moves again
    cache.set('d', tile(1, 1_000));
    expect(cache.get('c', 'data', 1)).toBeUndefined();
    expect(cache.get('a', 'data', 1)).toBeDefined();
  });

  it('moves a tile stored last to the front when it is read after another tile was read', () => {
    const cache = new TileCache(2 * 1_200);
    cache.set('a', tile(1, 1_000));
    cache.set('b', tile(1, 1_000));
    expect(cache.get('a', 'data', 1)).toBeDefined(); // a moves ahead of b
    expect(cache.get('b', 'data', 1)).toBeDefined(); // b was stored last, but a was read since: b moves ahead
    cache.set('c', tile(1, 1_000));
    expect(cache.get('a', 'data', 1)).toBeUndefined();
    expect(cache.get('b', 'data', 1)).toBeDefined();
  });

  it('does not serve a tile built from an older data version', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(1, 100));
    expect(cache.get('a', 'data', 2)).toBeUndefined();
  });

  it('drops all older tiles once a newer version is seen', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(1, 100));
    cache.set('b', tile(1, 100));
    cache.set('c', tile(2, 100));
    expect(cache.size).toBe(1);
    expect(cache.get('c', 'data', 2)).toBeDefined();
  });

  it('refuses a tile from an older version than one already seen', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(3, 100));
    cache.set('b', tile(2, 100));
    expect(cache.get('b', 'data', 2)).toBeUndefined();
  });

  it('keeps the tiles of the other domain when a newer version of one domain is seen', () => {
    const cache = new TileCache(1_000_000);
    cache.set('counties/8/1/1', tile(5, 100, 'units'));
    cache.set('flows/8/1/1', tile(7, 100, 'data'));
    cache.set('flows/8/1/2', tile(8, 100, 'data'));
    expect(cache.get('counties/8/1/1', 'units', 5)).toBeDefined();
    expect(cache.get('flows/8/1/1', 'data', 8)).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('drops the older tiles of a domain when a newer version of it is asked for, freeing their bytes', () => {
    const cache = new TileCache(1_000_000);
    cache.set('counties/8/1/1', tile(5, 100, 'units'));
    cache.set('flows/8/1/1', tile(7, 100, 'data'));
    const before = cache.usedBytes;
    expect(cache.get('townships/9/1/1', 'units', 6)).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.usedBytes).toBeLessThan(before);
    expect(cache.get('flows/8/1/1', 'data', 7)).toBeDefined();
  });

  it('stores nothing when its budget is zero', () => {
    const cache = new TileCache(0);
    cache.set('a', tile(1, 10));
    expect(cache.size).toBe(0);
    expect(cache.get('a', 'data', 1)).toBeUndefined();
  });
});
