import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config';

const appDir = path.resolve(import.meta.dirname, '../..');

describe('electron-builder config', () => {
  it('flips the fuses that keep the shipped app from running arbitrary code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('targets Linux, macOS and Windows with a .graph association', () => {
    expect(config.appId).toBe('org.chainrule.desktop');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'graph', mimeType: 'application/x-chainrule-graph' }),
    ]);
  });

  it('ships only the built output, and the resources it names exist', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('!node_modules/**');
    expect(existsSync(path.join(appDir, 'build', 'icon.png'))).toBe(true);
    expect(existsSync(path.join(appDir, config.mac?.entitlements ?? 'missing'))).toBe(true);
  });
});
