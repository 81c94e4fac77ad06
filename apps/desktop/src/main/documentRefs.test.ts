import { describe, expect, it } from 'vitest';
import { isDocumentRef } from '../shared/ipc';
import type { DocumentRef } from '../shared/documentContract';
import { createDocumentRefs } from './documentRefs';

const stamp = (sha256: string) => ({ size: 1, mtimeMs: 0, sha256 });

describe('document refs', () => {
  it('hands out opaque refs that pass the IPC guard and resolve only in main', () => {
    let n = 0;
    const refs = createDocumentRefs(() => `0000000${++n}-aaaa-bbbb-cccc-dddddddddddd`);
    const a = refs.issue('/home/me/a.graph', stamp('a'));
    const b = refs.issue('/home/me/b.graph', stamp('b'));
    expect(a).not.toContain('/home');
    expect(isDocumentRef(a)).toBe(true);
    expect(refs.resolve(a)).toEqual({ path: '/home/me/a.graph', stamp: stamp('a') });
    expect(refs.resolve(b)?.path).toBe('/home/me/b.graph');
    expect(refs.resolve('doc-forged' as DocumentRef)).toBeUndefined();
  });

  it('gives each open its own ref and stamp, so two windows on one file notice each other', () => {
    let n = 0;
    const refs = createDocumentRefs(() => `0000000${++n}-aaaa-bbbb-cccc-dddddddddddd`);
    const first = refs.issue('/home/me/a.graph', stamp('v1'));
    const second = refs.issue('/home/me/a.graph', stamp('v1'));
    expect(second).not.toBe(first);
    refs.update(first, stamp('v2'));
    expect(refs.resolve(first)?.stamp.sha256).toBe('v2');
    expect(refs.resolve(second)?.stamp.sha256).toBe('v1');
  });
});
