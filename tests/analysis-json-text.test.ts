// JSON already written (json-text.ts) goes into an answer unchanged, and the rest is written as JSON.stringify would.
import { describe, expect, it } from 'vitest';
import { JsonText, objectJsonText } from '../server/analysis/json-text.ts';

describe('objectJsonText', () => {
  it('writes plain values as JSON.stringify does, in key order, leaving out undefined ones', () => {
    const fields = { level: 'county', n: 1.5, none: null, gone: undefined, list: ['a', { b: '"quoted"' }], text: '县\n' };
    expect(objectJsonText(fields).text).toBe(JSON.stringify(fields));
  });

  it('writes JsonText values exactly as given, without parsing them', () => {
    const out = objectJsonText({ a: 1, units: new JsonText('{"330382000000":{"name_zh":"乐清市"}}'), series: new JsonText('[]'), z: 'end' });
    expect(out.text).toBe('{"a":1,"units":{"330382000000":{"name_zh":"乐清市"}},"series":[],"z":"end"}');
    expect(JSON.parse(out.text).units['330382000000'].name_zh).toBe('乐清市');
    expect(out.toBuffer().equals(Buffer.from(out.text))).toBe(true);
  });

  it('writes an object with nothing to write as {}', () => {
    expect(objectJsonText({ gone: undefined }).text).toBe('{}');
    expect(objectJsonText({}).toBuffer().toString()).toBe('{}');
  });
});
