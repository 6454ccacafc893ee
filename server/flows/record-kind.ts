// What the generic validator and writer need to know about one kind of record (flow, alliance,
// indicator). Each kind lives in its own *-records.ts file.
import type { Queryable } from '../db/database.ts';
import type { RowReader } from './row-errors.ts';

export interface RecordKind<T> {
  /** Singular noun for messages, and the table rows go to. */
  noun: string;
  table: 'flows' | 'alliances' | 'indicators';
  /** The fields a record may carry, in CSV column order. */
  fields: readonly string[];
  parse(r: RowReader): T | undefined;
  unitCodes(v: T): string[];
  sourceId(v: T): string;
  /** The natural key: two records with the same key are duplicates. */
  key(v: T): string;
  /** Stored records whose natural key matches one of these: key → id. */
  existing(tx: Queryable, values: T[]): Promise<Map<string, number>>;
  /** Extra checks that need the database (e.g. converting units). Returns reasons by index. */
  check?(tx: Queryable, values: T[]): Promise<Map<number, string>>;
  insert(tx: Queryable, values: T[]): Promise<number[]>;
  update(tx: Queryable, id: number, value: T): Promise<boolean>;
  /** A stored record as the API shows it. */
  get(tx: Queryable, id: number): Promise<Record<string, unknown> | undefined>;
}
