/**
 * Names and literals shared by every target: node ids become identifiers that are valid, unique
 * and readable in Python and TypeScript at once (so the four exports of one graph use the same
 * names), numbers become literals that read back to the same double, and ids become string
 * literals that cannot break out of their quotes.
 */

/** Python keywords and soft keywords, plus the names the generated code itself uses. */
const PYTHON_RESERVED = [
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
  '_',
  'print',
  'float',
  'dict',
  'len',
  'object',
  'super',
  'json',
  'np',
  'torch',
  'math',
  'sys',
  'grads',
  'grad_of',
  'sigmoid',
  'ctx',
  'grad',
  'self',
  'Div',
  'Pow',
  'Max',
  'Min',
];

/** JavaScript/TypeScript reserved and strict-mode words, plus the generated module's names. */
const TYPESCRIPT_RESERVED = [
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
  'async',
  'arguments',
  'eval',
  'undefined',
  'NaN',
  'Infinity',
  'any',
  'as',
  'boolean',
  'declare',
  'never',
  'number',
  'string',
  'symbol',
  'type',
  'unknown',
  'of',
  'get',
  'set',
  'Math',
  'JSON',
  'Object',
  'globalThis',
  'console',
  'process',
  'evaluate',
  'inputs',
  'input',
  'value',
  'grads',
  'main',
  'argv',
  'sigmoid',
  'Inputs',
  'Result',
  'host',
  'script',
  'self',
  'result',
];

const RESERVED = new Set([...PYTHON_RESERVED, ...TYPESCRIPT_RESERVED]);

/** Gradient variables are `dJ_d<name>`; no node name may start like one. */
const GRADIENT_PREFIX = 'dJ_d';

/** The gradient variable of a node name: `b` → `dJ_db`. @public */
export const gradientName = (name: string): string => `${GRADIENT_PREFIX}${name}`;

/** Longest identifier kept before cutting (ids may be megabytes long). */
const MAX_NAME_LENGTH = 40;

/** One readable ASCII identifier for an id, not yet unique. */
const baseName = (id: string): string => {
  let name = id
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_');
  if (name.length > 1) name = name.replace(/^_|_$/g, '');
  if (name.length > MAX_NAME_LENGTH) name = name.slice(0, MAX_NAME_LENGTH).replace(/_$/, '');
  if (name === '' || name === '_') name = 'node';
  if (/^[0-9]/.test(name)) name = `n${name}`;
  // Python treats `__x` names specially inside classes, and `__proto__` is special in JS objects.
  if (name.startsWith('__')) name = `n${name}`;
  if (name.startsWith(GRADIENT_PREFIX)) name = `n_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
};

/**
 * Maps each id to an identifier valid in Python 3 and TypeScript: ASCII letters, digits and `_`,
 * never a keyword or a name the generated code uses, never starting like a gradient variable,
 * and unique (a clash gets `_2`, `_3`, …). Deterministic: same ids, same names.
 * @example sanitizeNames(['a', 'lambda', '1x', 'a b']) // a, lambda_, n1x, a_b
 * @public
 */
export const sanitizeNames = (ids: readonly string[]): Map<string, string> => {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    if (names.has(id)) continue;
    const base = baseName(id);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}_${suffix}`;
    taken.add(name);
    names.set(id, name);
  }
  return names;
};

/**
 * A float literal that reads back to exactly this double in Python and TypeScript, always with
 * a `.` or an exponent so Python sees a float (`5` → `5.0`, `-0` → `-0.0`).
 * @public
 */
export const floatLiteral = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${String(value)} as a literal`);
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
};

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/**
 * A double-quoted Python string literal of any text, in printable ASCII only: other characters
 * are `\u`/`\U` escapes, so an id can never end the string or the line.
 * @public
 */
export const pythonString = (text: string): string => {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code > 0xffff) out += `\\U${hex(code, 8)}`;
    else out += `\\u${hex(code, 4)}`;
  }
  return `${out}"`;
};

/**
 * A double-quoted TypeScript string literal of any text, in printable ASCII only (the same
 * escaping as JSON, plus `\u` for everything outside ASCII).
 * @public
 */
export const typescriptString = (text: string): string => {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const code = text.charCodeAt(index);
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += `\\u${hex(code, 4)}`;
  }
  return `${out}"`;
};

/** Text safe inside a one-line comment of any target: no line breaks, no control characters. */
export const commentText = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
