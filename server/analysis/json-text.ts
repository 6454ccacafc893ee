// JSON that is already written (e.g. built by the database) and goes into an answer as it is: a 2 MB
// document parsed by node-postgres only to be serialised again cost the national balance tens of
// milliseconds a request (docs/bench-national.md).

/** A part is text, or UTF-8 bytes already encoded (the balance's 17 MB of rows, balance-rows-text.ts). */
type Part = string | Buffer;

export class JsonText {
  private readonly parts: readonly Part[];

  constructor(...parts: Part[]) {
    this.parts = parts;
  }

  get text(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
  }

  /**
   * The UTF-8 bytes, encoded part by part: joined first, the national balance's 1.8 MB of ASCII series and
   * its units with Chinese names became one two-byte string to copy and encode (about 5 ms against 1–3 ms).
   */
  toBuffer(): Buffer {
    return Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  }

  /** The parts, for a JsonText written inside another one. */
  pieces(): readonly Part[] {
    return this.parts;
  }
}

/** JSON.stringify of an object whose top-level values may be JsonText, which are written unchanged. */
export function objectJsonText(fields: Record<string, unknown>): JsonText {
  const parts: Part[] = [];
  let sep = '{';
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof JsonText) {
      parts.push(`${sep}${JSON.stringify(key)}:`, ...value.pieces());
    } else {
      const text = JSON.stringify(value);
      if (text === undefined) continue;
      parts.push(`${sep}${JSON.stringify(key)}:${text}`);
    }
    sep = ',';
  }
  parts.push(sep === '{' ? '{}' : '}');
  return new JsonText(...parts);
}
