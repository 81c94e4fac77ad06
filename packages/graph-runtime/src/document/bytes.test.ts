import { describe, expect, it } from 'vitest';
import { testRegistry } from '../__tests__/testOps';
import {
  decodeDocumentBytes,
  documentSizeProblem,
  documentTextSizeProblem,
  NOT_UTF8_MESSAGE,
  utf8ByteLength,
} from './bytes';
import { parseGraphDocument } from './parse';
import { MAX_DOCUMENT_BYTES } from './types';

describe('document size, in bytes', () => {
  it('counts UTF-8 bytes exactly as TextEncoder does', () => {
    const samples = ['', 'abc', 'ü✓', 'の'.repeat(10), '😀x', '\ud800', 'a\udc00b', '\t\u007f'];
    for (const text of samples) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });

  it('has one limit and one sentence, shared by loader, CLI and app', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(64 * 1024 * 1024);
    expect(documentSizeProblem(MAX_DOCUMENT_BYTES)).toBeNull();
    expect(documentSizeProblem(MAX_DOCUMENT_BYTES + 1)).toBe(
      'the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be',
    );
  });

  it('the loader measures bytes, not characters: CJK text over the limit is refused', () => {
    // 40 characters, 120 bytes: under a 100 "character" limit, over a 100 byte one.
    const text = `{"name":"${'の'.repeat(40)}"}`;
    const result = parseGraphDocument(text, testRegistry, { maxBytes: 100 });
    expect(result.ok === false && result.errors[0]!.code).toBe('too-large');
    expect(documentTextSizeProblem(text, 100)).toMatch(/larger than the 0\.0 MiB/);
    expect(documentTextSizeProblem('x'.repeat(100), 100)).toBeNull();
  });
});

describe('decodeDocumentBytes', () => {
  it('decodes UTF-8 (dropping a byte-order mark) and refuses Latin-1 with the CLI sentence', () => {
    expect(decodeDocumentBytes(new TextEncoder().encode('ü✓'))).toEqual({ ok: true, text: 'ü✓' });
    expect(decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]))).toEqual({
      ok: true,
      text: '{',
    });
    // "café" in Latin-1: é is the lone byte 0xE9.
    expect(decodeDocumentBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      ok: false,
      message: NOT_UTF8_MESSAGE,
    });
    expect(NOT_UTF8_MESSAGE).toBe('the file is not UTF-8 text');
  });

  it('refuses more bytes than the limit before decoding', () => {
    const result = decodeDocumentBytes(new Uint8Array(11), 10);
    expect(result.ok).toBe(false);
  });
});
