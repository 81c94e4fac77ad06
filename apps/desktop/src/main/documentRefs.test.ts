import { describe, expect, it } from 'vitest';
import { isDocumentRef } from '../shared/ipc';
import type { DocumentRef } from '../shared/documentContract';
import { createDocumentRefs } from './documentRefs';

describe('document refs', () => {
  it('hands out opaque refs that pass the IPC guard and resolve only in main', () => {
    let n = 0;
    const refs = createDocumentRefs(() => `0000000${++n}-aaaa-bbbb-cccc-dddddddddddd`);
    const a = refs.issue('/home/me/a.graph');
    const b = refs.issue('/home/me/b.graph');
    expect(a).not.toContain('/home');
    expect(isDocumentRef(a)).toBe(true);
    expect(refs.issue('/home/me/a.graph')).toBe(a);
    expect(refs.resolve(a)).toBe('/home/me/a.graph');
    expect(refs.resolve(b)).toBe('/home/me/b.graph');
    expect(refs.resolve('doc-forged' as DocumentRef)).toBeUndefined();
  });
});
