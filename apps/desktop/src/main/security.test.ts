import { describe, expect, it } from 'vitest';
import { isNavigationAllowed, isPermissionAllowed } from './security';

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
