// fromJsonl: objects per line, a declared schema, and bad lines (bad JSON, not an object, a value that does not
// fit the schema) as dead letters with their line numbers and byte offsets.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, RivuletError, type DeadLetter } from '../../../../runtime/index.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../../../fixtures/files', name);

describe('fromJsonl', () => {
  it('reads objects and sends bad JSON, non-objects and values that do not fit the schema to deadLetters', async () => {
    const env = new StreamEnvironment();
    const s = env.fromJsonl(fixture('events.jsonl'), { schema: { id: 'number' } });
    const dead: DeadLetter[] = [];
    s.deadLetters().addSink((d) => void dead.push(d));
    expect(await s.collect()).toEqual([
      { id: 1, v: 'a' },
      { id: 4, v: 'd' },
    ]);
    const source = fixture('events.jsonl');
    expect(dead).toEqual([
      { source, line: 2, offset: 17, raw: '{"id":2,"v":', error: expect.stringMatching(/^bad JSON: /) },
      { source, line: 4, offset: 31, raw: '[1,2]', error: 'expected a JSON object' },
      { source, line: 5, offset: 37, raw: '{"id":"three","v":"c"}', error: 'field "id" (number): "three" is not a number' },
    ]);
  });

  it('passes every object through without a schema', async () => {
    const env = new StreamEnvironment();
    expect((await env.fromJsonl(fixture('events.jsonl')).collect()).length).toBe(3);
  });

  it('reads an empty file as an empty stream', async () => {
    const env = new StreamEnvironment();
    const s = env.fromJsonl(fixture('empty.jsonl'));
    expect(await s.collect()).toEqual([]);
    expect(await s.deadLetters().collect()).toEqual([]);
  });

  it('refuses a missing file with the path and what to do', () => {
    const env = new StreamEnvironment();
    expect(() => env.fromJsonl(fixture('missing.jsonl'))).toThrow(RivuletError);
    expect(() => env.fromJsonl(fixture('missing.jsonl'))).toThrow(/fromJsonl: the file ".*missing\.jsonl" does not exist.*Check the path/);
  });
});
