/**
 * A small iterative JSON scanner for `.graph` files.
 *
 * Why not `JSON.parse`: its error messages differ between engines and carry no reliable line and
 * column, it throws `RangeError` on extreme nesting, and it builds ordinary objects in which a
 * `__proto__` key is a trap for any later code that copies properties. This scanner walks the text
 * with an explicit stack (no recursion, so nesting depth cannot overflow the call stack), defines
 * every key as an own data property (so `__proto__` and `constructor` are plain keys), refuses
 * duplicate keys, non-finite numbers and JSON5-isms with a sentence a person understands, and
 * reports the offset of the first problem.
 */

/**
 * A JSON value as built by {@link scanJson}. Every key of an object is an own data property:
 * a `__proto__` key is defined, never assigned, so it cannot change the object's prototype.
 * Read fields with {@link ownField} so that an absent `constructor` is `undefined`, not
 * `Object.prototype.constructor`.
 * @public
 */
export type JsonValue = null | boolean | number | string | JsonArray | JsonObject;
/** A JSON array. @public */
export type JsonArray = JsonValue[];
/** A JSON object: every key, even `__proto__`, is an own data property. @public */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A syntax problem found by {@link scanJson}, at a UTF-16 offset into the scanned text. @public */
export interface JsonSyntaxError {
  /** `syntax`, `truncated`, `duplicate-key`, `non-finite-number` or `too-deep`. */
  readonly code: string;
  readonly message: string;
  readonly offset: number;
}

/** The result of {@link scanJson}. @public */
export type JsonScanResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: JsonSyntaxError };

/** Options for {@link scanJson}. @public */
export interface JsonScanOptions {
  /** Containers nested deeper than this are refused (default 64: `.graph` files need 4). */
  readonly maxDepth?: number;
  /**
   * Paths (as written by {@link appendPath}) whose value offsets to record into `found`. Only
   * used to point error messages at a line, so the common, valid-file path pays nothing for it.
   */
  readonly locate?: { readonly paths: ReadonlySet<string>; readonly found: Map<string, number> };
}

/** Default nesting limit: a `.graph` file needs four levels; 64 leaves room for future fields. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

interface ArrayFrame {
  readonly kind: 'array';
  readonly value: JsonArray;
}
interface ObjectFrame {
  readonly kind: 'object';
  readonly value: JsonObject;
  key: string;
}
type Frame = ArrayFrame | ObjectFrame;

/** Thrown internally to unwind the scanner loop; never escapes {@link scanJson}. */
class ScanFailure {
  constructor(readonly error: JsonSyntaxError) {}
}

const defineOwn = (object: JsonObject, key: string, value: JsonValue): void => {
  Object.defineProperty(object, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
};

/**
 * Reads an own field of a scanned object: `undefined` when absent, even for keys such as
 * `constructor` or `toString` that every object inherits.
 * @example ownField(node, 'op')
 * @public
 */
export const ownField = (object: JsonObject, key: string): JsonValue | undefined =>
  Object.hasOwn(object, key) ? object[key] : undefined;

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Shows one character of the input safely in a message: control and invisible characters are
 * written as `U+XXXX` so a hostile file cannot put escape sequences on a terminal.
 */
const describeChar = (text: string, offset: number): string => {
  const code = text.codePointAt(offset);
  if (code === undefined) return 'end of file';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || code === 0xfeff) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${String.fromCodePoint(code)}"`;
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Extends a location path by one step: `nodes` + 3 → `nodes[3]`, `nodes[3]` + `op` →
 * `nodes[3].op`; keys that are not identifiers are quoted (`params["a b"]`), so a path is
 * unambiguous and safe to print.
 * @example appendPath(appendPath('', 'edges'), 4) // 'edges[4]'
 * @public
 */
export const appendPath = (parent: string, step: string | number): string => {
  if (typeof step === 'number') return `${parent}[${step}]`;
  if (IDENTIFIER.test(step)) return parent === '' ? step : `${parent}.${step}`;
  return `${parent}[${JSON.stringify(step)}]`;
};

/**
 * Parses JSON text into {@link JsonValue}s without recursion.
 *
 * @example
 * const result = scanJson('{"a": [1, 2]}');
 * if (result.ok) console.log(result.value);
 * else console.log(result.error.message, result.error.offset);
 * @public
 */
export const scanJson = (text: string, options: JsonScanOptions = {}): JsonScanResult => {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const locate = options.locate;
  // Path of each open container, kept only when locating (parallel to `stack`).
  const containerPaths: string[] = [];
  const length = text.length;
  let i = 0;

  const fail = (code: string, message: string, offset: number): never => {
    throw new ScanFailure({ code, message, offset });
  };
  const failEnd = (expected: string): never =>
    fail('truncated', `the file ends too early: expected ${expected} (is it truncated?)`, length);

  const skipWhitespace = (): void => {
    while (i < length && isWhitespace(text.charCodeAt(i))) i++;
  };

  const unexpected = (expected: string): never => {
    if (i >= length) return failEnd(expected);
    const c = text.charCodeAt(i);
    if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
      return fail('syntax', 'comments are not allowed in JSON', i);
    }
    if (c === 0x27)
      return fail('syntax', 'strings must use double quotes ("), not single quotes (\')', i);
    return fail('syntax', `unexpected ${describeChar(text, i)}: expected ${expected}`, i);
  };

  const scanString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunkStart = i;
    for (;;) {
      if (i >= length)
        return fail('truncated', 'the file ends inside a string (is it truncated?)', start);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        out += text.slice(chunkStart, i);
        i++;
        return out;
      }
      if (c < 0x20) {
        return fail(
          'syntax',
          `a string contains the raw control character ${describeChar(text, i)}; write it as an escape such as \\n or \\u0009`,
          i,
        );
      }
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(chunkStart, i);
      const escape = text.charCodeAt(i + 1);
      switch (escape) {
        case QUOTE:
          out += '"';
          break;
        case BACKSLASH:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            if (i + 6 > length) return failEnd('four hex digits after \\u');
            return fail('syntax', 'invalid \\u escape: expected four hex digits', i);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          if (i + 1 >= length) return failEnd('an escape character after \\');
          return fail('syntax', `invalid escape \\${String.fromCharCode(escape)} in a string`, i);
      }
      i += 2;
      chunkStart = i;
    }
  };

  const scanDigits = (): number => {
    const start = i;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c < DIGIT_0 || c > DIGIT_9) break;
      i++;
    }
    return i - start;
  };

  const scanNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === MINUS) {
      i++;
      if (text.startsWith('Infinity', i)) {
        return fail(
          'non-finite-number',
          '-Infinity is not a JSON number; numbers must be finite',
          start,
        );
      }
    }
    const first = text.charCodeAt(i);
    if (first === DIGIT_0) {
      i++;
      const next = text.charCodeAt(i);
      if (next >= DIGIT_0 && next <= DIGIT_9) {
        return fail('syntax', 'numbers cannot start with a leading zero', start);
      }
    } else if (scanDigits() === 0) {
      return unexpected('a digit');
    }
    let integer = true;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      integer = false;
      if (scanDigits() === 0) return unexpected('a digit after the decimal point');
    }
    const e = text.charCodeAt(i);
    // Fast path for short integers (ids, positions): exact in a double, no substring needed.
    const digits = i - start;
    if (integer && digits <= 15 && e !== 0x65 && e !== 0x45) {
      let value = 0;
      const negative = text.charCodeAt(start) === MINUS;
      for (let k = negative ? start + 1 : start; k < i; k++) {
        value = value * 10 + (text.charCodeAt(k) - DIGIT_0);
      }
      return negative ? -value : value;
    }
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === MINUS) i++;
      if (scanDigits() === 0) return unexpected('a digit in the exponent');
    }
    const literal = text.slice(start, i);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      const shown = literal.length > 40 ? `${literal.slice(0, 37)}...` : literal;
      return fail(
        'non-finite-number',
        `the number ${shown} is too large to represent; numbers must be finite`,
        start,
      );
    }
    return value;
  };

  const scanLiteral = (): JsonValue => {
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const rest = text.slice(i, i + 5);
    if (
      rest.length > 0 &&
      ['true', 'false', 'null'].some((word) => word.startsWith(rest) && word !== rest)
    ) {
      return failEnd(`"${['true', 'false', 'null'].find((word) => word.startsWith(rest)) ?? ''}"`);
    }
    if (text.startsWith('NaN', i) || text.startsWith('Infinity', i)) {
      const word = text.startsWith('NaN', i) ? 'NaN' : 'Infinity';
      return fail('non-finite-number', `${word} is not a JSON number; numbers must be finite`, i);
    }
    return unexpected('a value (an object, array, string, number, true, false or null)');
  };

  // Keys repeat (`id`, `op`, `position`, ... on every node): handing back the same string object
  // each time lets V8 skip re-internalizing it as a property name, a large share of load time.
  const keyCache: string[] = [];
  const scanKeyString = (): string => {
    const start = i + 1;
    let end = start;
    while (end < length) {
      const c = text.charCodeAt(end);
      if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
      end++;
    }
    if (end >= length || text.charCodeAt(end) !== QUOTE) return scanString();
    const size = end - start;
    i = end + 1;
    for (const cached of keyCache) {
      if (cached.length === size && text.startsWith(cached, start)) return cached;
    }
    const key = text.slice(start, end);
    if (keyCache.length < 32) keyCache.push(key);
    return key;
  };

  /** Reads `"key" :` inside an object, refusing a key the object already has. */
  const scanKey = (frame: ObjectFrame): void => {
    skipWhitespace();
    const c = text.charCodeAt(i);
    if (c !== QUOTE) {
      if (c === CLOSE_BRACE) return fail('syntax', 'trailing comma before "}"', i);
      return unexpected('a "quoted" key');
    }
    const keyOffset = i;
    const key = scanKeyString();
    if (Object.hasOwn(frame.value, key)) {
      return fail(
        'duplicate-key',
        `the key ${JSON.stringify(key)} appears twice in the same object`,
        keyOffset,
      );
    }
    skipWhitespace();
    if (text.charCodeAt(i) !== COLON) return unexpected(`":" after the key ${JSON.stringify(key)}`);
    i++;
    frame.key = key;
  };

  try {
    const stack: Frame[] = [];
    let value: JsonValue = null;
    skipWhitespace();
    for (;;) {
      // State 1: a value is expected at i.
      skipWhitespace();
      if (i >= length) failEnd('a value');
      const c = text.charCodeAt(i);
      let opened = false;
      let path = '';
      if (locate !== undefined) {
        const parent = stack[stack.length - 1];
        if (parent !== undefined) {
          const parentPath = containerPaths[containerPaths.length - 1] ?? '';
          path = appendPath(parentPath, parent.kind === 'array' ? parent.value.length : parent.key);
        }
        if (locate.paths.has(path)) locate.found.set(path, i);
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (stack.length >= maxDepth) {
          fail('too-deep', `the JSON is nested more than ${maxDepth} levels deep`, i);
        }
        i++;
        skipWhitespace();
        if (c === OPEN_BRACE) {
          // Plain objects, not Object.create(null): V8 keeps those in slow dictionary mode, which
          // doubles load time for big files. `__proto__` is handled where keys are stored.
          const frame: ObjectFrame = { kind: 'object', value: {} as JsonObject, key: '' };
          if (text.charCodeAt(i) === CLOSE_BRACE) {
            i++;
            value = frame.value;
          } else {
            stack.push(frame);
            if (locate !== undefined) containerPaths.push(path);
            scanKey(frame);
            opened = true;
          }
        } else {
          const frame: ArrayFrame = { kind: 'array', value: [] };
          if (text.charCodeAt(i) === CLOSE_BRACKET) {
            i++;
            value = frame.value;
          } else {
            stack.push(frame);
            if (locate !== undefined) containerPaths.push(path);
            opened = true;
          }
        }
      } else if (c === QUOTE) {
        value = scanString();
      } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
        value = scanNumber();
      } else {
        value = scanLiteral();
      }
      if (opened) continue;

      // State 2: a complete value is in hand; attach it and close containers as they end.
      let expectValue = false;
      while (!expectValue) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          skipWhitespace();
          if (i < length) {
            fail(
              'syntax',
              `unexpected ${describeChar(text, i)} after the end of the JSON value`,
              i,
            );
          }
          return { ok: true, value };
        }
        if (frame.kind === 'array') frame.value.push(value);
        else if (frame.key === '__proto__') defineOwn(frame.value, frame.key, value);
        else frame.value[frame.key] = value;
        skipWhitespace();
        const next = text.charCodeAt(i);
        if (next === COMMA) {
          i++;
          if (frame.kind === 'object') {
            scanKey(frame);
          } else {
            skipWhitespace();
            if (text.charCodeAt(i) === CLOSE_BRACKET)
              fail('syntax', 'trailing comma before "]"', i);
          }
          expectValue = true;
        } else if (frame.kind === 'array' && next === CLOSE_BRACKET) {
          i++;
          value = frame.value;
          stack.pop();
          containerPaths.pop();
        } else if (frame.kind === 'object' && next === CLOSE_BRACE) {
          i++;
          value = frame.value;
          stack.pop();
          containerPaths.pop();
        } else {
          unexpected(frame.kind === 'array' ? '"," or "]" in an array' : '"," or "}" in an object');
        }
      }
    }
  } catch (caught) {
    if (caught instanceof ScanFailure) return { ok: false, error: caught.error };
    throw caught;
  }
};

/**
 * Converts a UTF-16 offset into a 1-based line and column (a `\r\n` pair counts as one line break).
 * @example lineColumnAt('{\n  "a": x', 9) // { line: 2, column: 8 }
 * @public
 */
export const lineColumnAt = (text: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
};
