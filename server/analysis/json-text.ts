// JSON that is already written (e.g. built by the database) and goes into an answer as it is: a 2 MB
// document parsed by node-postgres only to be serialised again cost the national balance tens of
// milliseconds a request (docs/bench-national.md).

export class JsonText {
  private readonly parts: readonly string[];

  constructor(...parts: string[]) {
    this.parts = parts;
  }

  get text(): string {
    return this.parts.join('');
  }

  /**
   * The UTF-8 bytes, encoded part by part: joined first, the national balance's 1.8 MB of ASCII series and
   * its units with Chinese names became one two-byte string to copy and encode (about 5 ms against 1–3 ms).
   */
  toBuffer(): Buffer {
    return Buffer.concat(this.parts.map((p) => Buffer.from(p)));
  }

  /** The parts, for a JsonText written inside another one. */
  pieces(): readonly string[] {
    return this.parts;
  }
}

/** JSON.stringify of an object whose top-level values may be JsonText, which are written unchanged. */
export function objectJsonText(fields: Record<string, unknown>): JsonText {
  const parts: string[] = [];
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
