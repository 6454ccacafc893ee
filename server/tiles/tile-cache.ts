// A byte-bounded LRU of encoded, gzipped tiles. Entries are stamped with the version they were built from,
// in the domain their layer follows (units for boundary layers, data for flows); once a newer version of a
// domain is seen, every entry of that domain is dropped at once, so a write never serves stale tiles from
// this process and the memory goes straight back to the new version's tiles. The other domain's entries
// stay: a flow write leaves the boundary tiles, which it cannot have changed, where they are.
import type { VersionDomain } from '../db/data-version.ts';

export interface CachedTile {
  /** Which data version `version` counts (its layer's `follows`). */
  domain: VersionDomain;
  version: number;
  /** The bytes sent: gzip of the MVT when `gzipped`, else the MVT itself; empty for a tile with no features. */
  body: Buffer;
  gzipped: boolean;
  features: number;
}

/** Map bookkeeping and the key string, roughly; keeps many tiny empty tiles from escaping the bound. */
const ENTRY_OVERHEAD_BYTES = 160;

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private bytes = 0;
  /** The key last inserted, so the last in the Map's order (it may since have been dropped). */
  private newestKey: string | undefined;
  private readonly newest: Record<VersionDomain, number> = { data: 0, units: 0 };
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** Whether any copy of the tile is held, whatever its version (no effect on recency or counts). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string, domain: VersionDomain, version: number): CachedTile | undefined {
    this.observe(domain, version);
    const entry = this.entries.get(key);
    if (!entry || entry.version < version) {
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used (a Map iterates in insertion order), unless it already is:
    // a tile asked for again right after it was built or served needs no Map delete and insert.
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newestKey = key;
    }
    this.hits++;
    return entry;
  }

  set(key: string, tile: CachedTile): void {
    this.observe(tile.domain, tile.version);
    if (tile.version < this.newest[tile.domain]) return;
    const cost = costOf(key, tile);
    if (cost > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= costOf(key, old);
    }
    this.entries.set(key, tile);
    this.newestKey = key;
    this.bytes += cost;
    if (this.bytes <= this.maxBytes) return;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= costOf(k, v);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private observe(domain: VersionDomain, version: number): void {
    if (version <= this.newest[domain]) return;
    this.newest[domain] = version;
    for (const [k, v] of this.entries) {
      if (v.domain !== domain) continue;
      this.entries.delete(k);
      this.bytes -= costOf(k, v);
    }
  }
}

function costOf(key: string, tile: CachedTile): number {
  return tile.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES;
}
