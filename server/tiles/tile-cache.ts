// A byte-bounded LRU of encoded, gzipped tiles. Entries are stamped with the data version they were built
// from; once a newer version is seen, every older entry is dropped at once, so a write never serves stale
// tiles from this process and the memory goes straight back to the new version's tiles.

export interface CachedTile {
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
  private newestVersion = 0;
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

  get(key: string, version: number): CachedTile | undefined {
    this.observe(version);
    const entry = this.entries.get(key);
    if (!entry || entry.version < version) {
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used (a Map iterates in insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  set(key: string, tile: CachedTile): void {
    this.observe(tile.version);
    if (tile.version < this.newestVersion) return;
    const cost = costOf(key, tile);
    if (cost > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= costOf(key, old);
    }
    this.entries.set(key, tile);
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

  private observe(version: number): void {
    if (version > this.newestVersion) {
      this.newestVersion = version;
      this.clear();
    }
  }
}

function costOf(key: string, tile: CachedTile): number {
  return tile.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES;
}
