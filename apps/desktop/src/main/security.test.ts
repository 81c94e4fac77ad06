import { describe, expect, it } from 'vitest';
import { isNavigationAllowed, isPermissionAllowed, isTrustedRendererUrl } from './security';

describe('permission policy', () => {
  it('denies every permission except clipboard text writes from our own page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(isPermissionAllowed(permission, 'app://chainrule/index.html'), permission).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://chainrule/index.html')).toBe(
      true,
    );
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('denies all navigation', () => {
    expect(isNavigationAllowed('app://chainrule/index.html')).toBe(false);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///home/me/net.graph')).toBe(false);
  });
});

describe('trusted renderer URLs', () => {
  it('trusts our origin always and the dev server only when one is running, by exact origin', () => {
    expect(isTrustedRendererUrl('app://chainrule/index.html', undefined)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', undefined)).toBe(false);
    const dev = 'http://localhost:5173';
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('garbage', dev)).toBe(false);
  });
});
