// The tile cache keeps within its byte budget, evicts the least recently used tile first, and drops every
// tile of an older data version as soon as a newer version is seen.
import { describe, expect, it } from 'vitest';
import { TileCache, type CachedTile } from '../server/tiles/tile-cache.ts';

const tile = (version: number, bytes: number): CachedTile => ({ version, features: 1, body: Buffer.alloc(bytes, 1), gzipped: true });

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
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recent
    cache.set('d', tile(1, 1_000));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('d', 1)).toBeDefined();
  });

  it('does not serve a tile built from an older data version', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(1, 100));
    expect(cache.get('a', 2)).toBeUndefined();
  });

  it('drops all older tiles once a newer version is seen', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(1, 100));
    cache.set('b', tile(1, 100));
    cache.set('c', tile(2, 100));
    expect(cache.size).toBe(1);
    expect(cache.get('c', 2)).toBeDefined();
  });

  it('refuses a tile from an older version than one already seen', () => {
    const cache = new TileCache(1_000_000);
    cache.set('a', tile(3, 100));
    cache.set('b', tile(2, 100));
    expect(cache.get('b', 2)).toBeUndefined();
  });

  it('stores nothing when its budget is zero', () => {
    const cache = new TileCache(0);
    cache.set('a', tile(1, 10));
    expect(cache.size).toBe(0);
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
