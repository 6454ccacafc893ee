// JSON that is already written (e.g. built by the database) and goes into an answer as it is: a 2 MB
// document parsed by node-postgres only to be serialised again cost the national balance tens of
// milliseconds a request (docs/bench-national.md).

export class JsonText {
  constructor(readonly text: string) {}
}

/** JSON.stringify of an object whose top-level values may be JsonText, which are written unchanged. */
export function objectJsonText(fields: Record<string, unknown>): JsonText {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const text = value instanceof JsonText ? value.text : JSON.stringify(value);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return new JsonText(`{${parts.join(',')}}`);
}
