import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createAppMenu } from './appMenu';
import { createRecentFiles } from './recentFiles';
import { fakeWindowManager } from './testing/fakeWindow';

function setup(platform: NodeJS.Platform) {
  const { windows, fakes } = fakeWindowManager(platform);
  const recentFiles = createRecentFiles({
    storage: { load: async () => null, save: async () => undefined },
  });
  const installed: MenuItemConstructorOptions[][] = [];
  const opened: string[] = [];
  const osRecent: string[] = [];
  const menu = createAppMenu({
    platform,
    isDevelopment: false,
    examples: [{ id: 'seed.graph', label: 'Seed' }],
    recentFiles,
    windows,
    openRecent: (file) => void opened.push(file),
    install: (template) => void installed.push(template),
    osRecent: { add: (file) => void osRecent.push(file), clear: () => void (osRecent.length = 0) },
  });
  return { menu, installed, opened, osRecent, recentFiles, fakes };
}

/** The submenu item labelled `label` under the top-level menu `top`. */
function item(template: MenuItemConstructorOptions[], top: string, label: string) {
  const menu = template.find((entry) => entry.label === top)?.submenu;
  return (menu as MenuItemConstructorOptions[]).find((entry) => entry.label === label);
}

const click = (entry: MenuItemConstructorOptions | undefined) =>
  (entry?.click as unknown as () => void)();

describe('application menu', () => {
  it('sends commands to the current window, opening one when none is left', () => {
    const { menu, installed, fakes } = setup('linux');
    menu.refresh();
    click(item(installed.at(-1)!, '&File', 'Save'));
    expect(fakes).toHaveLength(1);
    expect(fakes[0]!.webContents.sent).toEqual([['menu:command', 'save']]);
  });

  it('lists recent files (any name), reopens them, and lists them with the OS off Linux', async () => {
    const { menu, installed, opened, osRecent, recentFiles } = setup('darwin');
    await recentFiles.add('/home/me/tab\there');
    menu.documentUsed('/home/me/tab\there');
    expect(osRecent).toEqual(['/home/me/tab\there']);
    const recent = item(installed.at(-1)!, '&File', 'Open Recent')
      ?.submenu as MenuItemConstructorOptions[];
    click(recent[0]);
    expect(opened).toEqual(['/home/me/tab\there']);
  });

  it('keeps Linux out of the OS list it does not have', () => {
    const { menu, osRecent } = setup('linux');
    menu.documentUsed('/home/me/a.graph');
    expect(osRecent).toEqual([]);
  });
});
