import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppRequest } from './appProtocol';

const root = path.resolve('/opt/chainrule/renderer');

describe('app:// protocol', () => {
  it('serves files inside the renderer folder with a content type', () => {
    expect(resolveAppRequest('app://chainrule/index.html', root)).toEqual({
      kind: 'file',
      path: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://chainrule/', root)).toMatchObject({
      path: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest('app://chainrule/assets/index-abc.js?v=1#x', root)).toMatchObject({
      path: path.join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://chainrule/assets/my%20font.woff2', root)).toMatchObject({
      path: path.join(root, 'assets', 'my font.woff2'),
    });
  });

  it('refuses path traversal in every spelling', () => {
    // A literal `..` is collapsed by URL parsing itself (as Chromium does before the handler runs),
    // and so is its `%2e%2e` spelling, so both can only land inside the root.
    expect(resolveAppRequest('app://chainrule/../../etc/passwd.txt', root)).toMatchObject({
      path: path.join(root, 'etc', 'passwd.txt'),
    });
    expect(resolveAppRequest('app://chainrule/%2e%2e/%2e%2e/etc/passwd.txt', root)).toMatchObject({
      path: path.join(root, 'etc', 'passwd.txt'),
    });
    // Separators hidden by percent-encoding survive URL parsing and must be refused after decoding.
    for (const url of [
      'app://chainrule/assets/..%2f..%2f..%2fsecret.json',
      'app://chainrule/..%5c..%5csecret.json',
      'app://chainrule/%2fetc%2fpasswd.txt',
      'app://chainrule/a%00.js',
    ]) {
      const target = resolveAppRequest(url, root);
      expect(target.kind, url).toBe('refused');
    }
  });

  it('refuses other hosts, schemes and unknown file types', () => {
    expect(resolveAppRequest('app://evil/index.html', root)).toEqual({
      kind: 'refused',
      status: 403,
    });
    expect(resolveAppRequest('file:///etc/passwd', root)).toEqual({ kind: 'refused', status: 403 });
    expect(resolveAppRequest('app://chainrule/notes.exe', root)).toEqual({
      kind: 'refused',
      status: 404,
    });
    expect(resolveAppRequest('app://chainrule/%E0%A4%A', root)).toEqual({
      kind: 'refused',
      status: 400,
    });
  });

  it('recognises only the exact app origin', () => {
    expect(isAppUrl('app://chainrule/index.html')).toBe(true);
    expect(isAppUrl('app://chainrule.evil.com/index.html')).toBe(false);
    expect(isAppUrl('app://user@chainrule/index.html')).toBe(false);
    expect(isAppUrl('https://chainrule/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
