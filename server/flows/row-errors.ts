// Every rejected row is named by its number (and its file line, for CSV) with the reason, and nothing
// is written: an upload is all or nothing.
import { HttpError } from '../http/errors.ts';

export interface RowError {
  /** 1-based record number within the upload (CSV data rows, GeoJSON features, or 1 for a single body). */
  row: number;
  /** The CSV line the record ends on, when it came from a file. */
  line?: number;
  field?: string;
  reason: string;
}

const MAX_LISTED = 1000;

export class ValidationFailed extends HttpError {
  constructor(readonly errors: RowError[], what = 'row') {
    const rows = new Set(errors.map((e) => e.row)).size;
    super(
      422,
      'validation_failed',
      `${rows} ${what}${rows === 1 ? '' : 's'} rejected; nothing was written. ` +
        errors
          .slice(0, 3)
          .map((e) => `Row ${e.row}${e.line ? ` (line ${e.line})` : ''}: ${e.reason}`)
          .join('; ') +
        (errors.length > 3 ? '; …' : '.'),
      { errors: errors.slice(0, MAX_LISTED), error_count: errors.length, truncated: errors.length > MAX_LISTED },
    );
  }
}

/** Reads optional text from a parsed row (CSV gives strings, JSON any value). */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly row: number,
    readonly line?: number,
  ) {}

  fail(field: string | undefined, reason: string) {
    this.errors.push({ row: this.row, ...(this.line ? { line: this.line } : {}), ...(field ? { field } : {}), reason });
  }

  text(field: string, maxLength = 200): string | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      this.fail(field, `${field} must be text`);
      return undefined;
    }
    const s = v.trim();
    if (s === '') return undefined;
    if (s.includes('\0')) {
      this.fail(field, `${field} contains a NUL character`);
      return undefined;
    }
    if (s.length > maxLength) {
      this.fail(field, `${field} is longer than ${maxLength} characters`);
      return undefined;
    }
    return s;
  }

  required(field: string, maxLength = 200): string | undefined {
    const s = this.text(field, maxLength);
    if (s === undefined && !this.errors.some((e) => e.field === field)) this.fail(field, `${field} is missing`);
    return s;
  }

  oneOf<T extends string>(field: string, list: readonly T[], what: string, required: boolean): T | undefined {
    const s = required ? this.required(field) : this.text(field);
    if (s === undefined) return undefined;
    if (!(list as readonly string[]).includes(s)) {
      this.fail(field, `unknown ${what} "${s.slice(0, 40)}" (use ${list.join(', ')})`);
      return undefined;
    }
    return s as T;
  }

  /** A list given as an array (JSON) or as text separated by ";" or "," (CSV). */
  list<T extends string>(field: string, allowed: readonly T[], what: string): T[] {
    const v = this.raw[field];
    let items: string[];
    if (v === undefined || v === null || v === '') return [];
    if (Array.isArray(v)) items = v.map((x) => (typeof x === 'string' ? x.trim() : String(x)));
    else if (typeof v === 'string') items = v.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
    else {
      this.fail(field, `${field} must be a list`);
      return [];
    }
    const out: T[] = [];
    for (const item of items) {
      if ((allowed as readonly string[]).includes(item)) out.push(item as T);
      else this.fail(field, `unknown ${what} "${item.slice(0, 40)}" (use ${allowed.join(', ')})`);
    }
    return [...new Set(out)];
  }

  /** A non-negative decimal; a negative one is named as such. */
  magnitude(field: string): number | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return undefined;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
    if (s === undefined || s === '') {
      if (s === undefined) this.fail(field, `${field} must be a number`);
      return undefined;
    }
    if (/^-\d/.test(s) || (typeof v === 'number' && v < 0)) {
      this.fail(field, `negative ${field} ${s.slice(0, 20)} (flows run one way; swap origin and destination instead)`);
      return undefined;
    }
    if (!/^\d{1,15}(\.\d{1,12})?([eE][+-]?\d{1,2})?$/.test(s) || !Number.isFinite(Number(s))) {
      this.fail(field, `${field} "${s.slice(0, 20)}" is not a number`);
      return undefined;
    }
    return Number(s);
  }

  /** Any finite decimal (indicator values may be negative, e.g. a growth rate). */
  number(field: string): number | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') {
      this.fail(field, `${field} is missing`);
      return undefined;
    }
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^-?\d{1,15}(\.\d{1,12})?([eE][+-]?\d{1,2})?$/.test(s) || !Number.isFinite(Number(s))) {
      this.fail(field, `${field} "${String(s).slice(0, 20)}" is not a number`);
      return undefined;
    }
    return Number(s);
  }

  unknownFields(allowed: readonly string[]) {
    for (const k of Object.keys(this.raw)) {
      if (!allowed.includes(k)) this.fail(k.slice(0, 40), `unknown field "${k.slice(0, 40)}" (allowed: ${allowed.join(', ')})`);
    }
  }
}
