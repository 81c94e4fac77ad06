import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPath, lineColumnAt, ownField, scanJson, type JsonObject } from './json';

const error = (text: string, maxDepth?: number) => {
  const result = scanJson(text, maxDepth === undefined ? {} : { maxDepth });
  if (result.ok) throw new Error(`expected a syntax error for ${text}`);
  return { ...result.error, ...lineColumnAt(text, result.error.offset) };
};

describe('scanJson', () => {
  it('agrees with JSON.parse on any JSON text (oracle)', () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? 20_261_126);
    console.log(`scanJson oracle seed: ${seed}`);
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), (text) => {
        const result = scanJson(text, { maxDepth: Infinity });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(JSON.parse(text));
      }),
      { seed, numRuns: 300 },
    );
  }, 60_000);

  it('keeps __proto__ and constructor as plain keys, never touching a prototype', () => {
    const result = scanJson('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(ownField(result.value as JsonObject, 'toString')).toBeUndefined();
    expect(ownField(result.value as JsonObject, 'constructor')).toEqual({ prototype: 1 });
    expect(value['__proto__']).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports line and column of the first problem', () => {
    expect(error('{\n  "a": 1,\n  "b": }')).toMatchObject({ code: 'syntax', line: 3, column: 8 });
    expect(error('{\r\n  "a": x\r\n}')).toMatchObject({ line: 2, column: 8 });
    expect(error('[1, 2')).toMatchObject({ code: 'truncated', line: 1, column: 6 });
  });

  it.each([
    ['{"a": 1,}', 'trailing comma before "}"'],
    ['[1, 2,]', 'trailing comma before "]"'],
    ["{'a': 1}", 'strings must use double quotes'],
    ['{"a": 1 // note\n}', 'comments are not allowed'],
    ['[01]', 'leading zero'],
    ['[NaN]', 'NaN is not a JSON number'],
    ['[-Infinity]', '-Infinity is not a JSON number'],
    ['[1e999]', 'the number 1e999 is too large'],
    ['{"a": 1, "a": 2}', 'the key "a" appears twice'],
    ['["a\tb"]', 'raw control character U+0009'],
    ['["\\x"]', 'invalid escape \\x'],
    ['["\\u12G4"]', 'invalid \\u escape'],
    ['[1] [2]', 'after the end of the JSON value'],
    ['[1 2]', 'expected "," or "]"'],
    ['{"a" 1}', 'expected ":" after the key "a"'],
    ['[\u001b]', 'unexpected U+001B'],
  ])('refuses %j with a clear message', (text, message) => {
    expect(error(text).message).toContain(message);
  });

  it('says the file ends too early when it is cut anywhere', () => {
    const text = '{"nodes": [{"id": "a\\u0041", "value": -1.5e3}, true, false, null]}';
    for (let cut = 1; cut < text.length; cut++) {
      const result = scanJson(text.slice(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
      if (!result.ok) expect(result.error.code, `cut at ${cut}`).toBe('truncated');
    }
  });

  it('survives a million levels of nesting without recursion', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const limited = error(deep);
    expect(limited.code).toBe('too-deep');
    expect(limited.column).toBe(65);
    const unlimited = scanJson(deep, { maxDepth: Infinity });
    expect(unlimited.ok).toBe(true);
  }, 60_000);

  it('decodes escapes, including surrogate pairs and lone surrogates, like JSON.parse', () => {
    const text = '["\\ud83d\\ude00", "\\ud800", "\\"\\\\\\/\\b\\f\\n\\r\\t", "<b>&amp;</b>"]';
    const result = scanJson(text);
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });

  it('records the offsets of requested paths when locating', () => {
    const text = '{"nodes": [{"id": "a"}, {"id": "b", "op": "x"}], "a b": 1}';
    const found = new Map<string, number>();
    scanJson(text, { locate: { paths: new Set(['nodes[1].op', '["a b"]', 'nodes']), found } });
    expect(found.get('nodes[1].op')).toBe(text.indexOf('"x"'));
    expect(found.get('["a b"]')).toBe(text.lastIndexOf('1'));
    expect(found.get('nodes')).toBe(text.indexOf('['));
  });
});

describe('appendPath', () => {
  it('writes indexes, identifiers and quoted keys', () => {
    expect(appendPath(appendPath(appendPath('', 'nodes'), 3), 'op')).toBe('nodes[3].op');
    expect(appendPath('nodes[0].params', 'a b')).toBe('nodes[0].params["a b"]');
    expect(appendPath('', '__proto__')).toBe('__proto__');
    expect(appendPath('x', '\u001b')).toBe('x["\\u001b"]');
  });
});
