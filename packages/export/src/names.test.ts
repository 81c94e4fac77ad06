import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { floatLiteral, gradientName, pythonString, sanitizeNames, typescriptString } from './names';
import { PYTHON, requirePython } from './__tests__/runners';

const awkward = [
  'a',
  'lambda',
  'class',
  'None',
  '__proto__',
  'constructor',
  '1st',
  '0',
  '',
  '_',
  'λ',
  'λ',
  '😀',
  'a b',
  'a_b',
  'a-b',
  'dJ_da',
  'dJ_db',
  'np',
  'torch',
  'json',
  'Math',
  'evaluate',
  'x'.repeat(10_000),
  'x'.repeat(10_001),
  '"; import os #',
  'line\nbreak',
];

describe('sanitizeNames', () => {
  const names = sanitizeNames(awkward);

  it('gives every id a plain ASCII identifier, unique, stable, and never a gradient name', () => {
    const values = [...names.values()];
    expect(new Set(values).size).toBe(values.length);
    for (const name of values) {
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,45}$/);
      expect(name.startsWith('dJ_d')).toBe(false);
      expect(name.startsWith('__')).toBe(false);
    }
    // Gradient names cannot collide with node names either.
    for (const name of values) expect(values).not.toContain(gradientName(name));
    expect(sanitizeNames(awkward)).toEqual(names);
    expect(names.get('a')).toBe('a');
    expect(names.get('a b')).not.toBe(names.get('a_b'));
  });

  it('steers clear of keywords and the names the generated code uses', () => {
    for (const id of ['lambda', 'class', 'None', 'np', 'torch', 'json', 'Math', 'evaluate']) {
      expect(names.get(id)).not.toBe(id);
    }
  });

  it('is accepted by Python as identifiers that are not keywords', () => {
    requirePython();
    const script = [
      'import json, keyword, sys',
      'names = json.loads(sys.stdin.read())',
      'bad = [n for n in names if not n.isidentifier() or keyword.iskeyword(n) or keyword.issoftkeyword(n)]',
      'print(json.dumps(bad))',
    ].join('\n');
    const result = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify([...names.values()]),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});

describe('literals', () => {
  it('writes floats that read back to the same double, always as floats', () => {
    expect(floatLiteral(5)).toBe('5.0');
    expect(floatLiteral(-0)).toBe('-0.0');
    expect(floatLiteral(0.1)).toBe('0.1');
    expect(floatLiteral(1e21)).toBe('1e+21');
    expect(floatLiteral(5e-324)).toBe('5e-324');
    expect(() => floatLiteral(Number.NaN)).toThrow();
  });

  it('quotes any text as a Python and a TypeScript string in printable ASCII', () => {
    const texts = ['a', '"', '\\', 'λ', '😀', '\u2028', '\n', '\ud800', '__proto__'];
    for (const text of texts) {
      expect(pythonString(text)).toMatch(/^"[\x20-\x7e]*"$/);
      expect(typescriptString(text)).toMatch(/^"[\x20-\x7e]*"$/);
      expect(JSON.parse(typescriptString(text))).toBe(text);
    }
    expect(pythonString('😀')).toBe('"\\U0001f600"');
  });

  it('Python reads every quoted text back to the same characters', () => {
    requirePython();
    const texts = ['a', '"', '\\', 'λ', '😀', '\u2028', '\n', '__proto__', "'", '"""'];
    const script = `import json\nprint(json.dumps([${texts.map(pythonString).join(', ')}], ensure_ascii=True))`;
    const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual(texts);
  });
});
