// The allow-list of OGC collections, built once at start-up. Routes, the collections document and the
// OpenAPI document are all generated from it, so none can name a collection the others do not.
import type { Collection } from './collection.ts';
import { factorCollections } from './factor-collections.ts';
import { unitsCollections } from './units-collections.ts';

export type Registry = ReadonlyMap<string, Collection>;

export function buildRegistry(): Registry {
  const all = [...unitsCollections(), ...factorCollections()];
  const map = new Map<string, Collection>();
  for (const c of all) {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(c.id)) throw new Error(`OGC collection id "${c.id}" is not a safe path segment`);
    if (map.has(c.id)) throw new Error(`OGC collection id "${c.id}" is defined twice`);
    map.set(c.id, c);
  }
  return map;
}
