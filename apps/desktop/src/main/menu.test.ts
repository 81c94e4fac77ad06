import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../shared/documentContract';
import { buildMenuTemplate, type MenuContext } from './menu';

function context(overrides: Partial<MenuContext> = {}) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  let cleared = 0;
  const ctx: MenuContext = {
    platform: 'linux',
    isDevelopment: false,
    appName: 'Chainrule',
    recentFiles: ['/home/me/a.graph', '/tmp/a.graph'],
    examples: [{ id: 'seed', label: 'J = 3(a + bc)' }],
    sendCommand: (command) => sent.push(command),
    openRecent: (file) => opened.push(file),
    clearRecent: () => cleared++,
    ...overrides,
  };
  return { ctx, sent, opened, cleared: () => cleared };
}

/** Every item in the tree, depth-first, with its top-level menu's label. */
function flatten(template: MenuItemConstructorOptions[]) {
  const items: { top: string; item: MenuItemConstructorOptions }[] = [];
  const stack = template.map((item) => ({ top: item.label ?? '', item }));
  while (stack.length > 0) {
    const next = stack.shift();
    if (next === undefined) break;
    items.push(next);
    const submenu = next.item.submenu;
    if (Array.isArray(submenu)) {
      stack.unshift(...submenu.map((item) => ({ top: next.top, item })));
    }
  }
  return items;
}

function find(template: MenuItemConstructorOptions[], label: string) {
  const found = flatten(template).find(({ item }) => item.label === label);
  if (found === undefined) throw new Error(`no menu item ${label}`);
  return found.item;
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help, plus the app menu on macOS', () => {
    expect(buildMenuTemplate(context().ctx).map((m) => m.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
    expect(buildMenuTemplate(context({ platform: 'darwin' }).ctx).map((m) => m.label)).toEqual([
      'Chainrule',
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
  });

  it('uses the standard accelerators and sends each command to the canvas', () => {
    const { ctx, sent } = context();
    const template = buildMenuTemplate(ctx);
    const expected: [string, string, MenuCommand][] = [
      ['New', 'CmdOrCtrl+N', 'new'],
      ['Open…', 'CmdOrCtrl+O', 'open'],
      ['Save', 'CmdOrCtrl+S', 'save'],
      ['Save As…', 'CmdOrCtrl+Shift+S', 'save-as'],
      ['Undo', 'CmdOrCtrl+Z', 'undo'],
      ['Redo', 'CmdOrCtrl+Shift+Z', 'redo'],
      ['Cut', 'CmdOrCtrl+X', 'cut'],
      ['Copy', 'CmdOrCtrl+C', 'copy'],
      ['Paste', 'CmdOrCtrl+V', 'paste'],
      ['Select All', 'CmdOrCtrl+A', 'select-all'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = find(template, label);
      expect(item.accelerator, label).toBe(accelerator);
      click(item);
      expect(sent.at(-1)).toBe(command);
    }
    for (const [label, command] of [
      ['Delete', 'delete'],
      ['Zoom In', 'zoom-in'],
      ['Zoom Out', 'zoom-out'],
      ['Fit to Window', 'fit-view'],
      ['Toggle Minimap', 'toggle-minimap'],
      ['Toggle Edge Labels', 'toggle-edge-labels'],
      ['Export Canvas as PNG…', 'export-canvas-png'],
      ['Export Canvas as SVG…', 'export-canvas-svg'],
      ['Keyboard Shortcuts', 'show-shortcuts'],
      ['About Chainrule', 'about'],
      ['J = 3(a + bc)', 'open-example:seed'],
    ] as const) {
      click(find(template, label));
      expect(sent.at(-1)).toBe(command);
    }
    expect(find(template, 'Close Window').role).toBe('close');
    expect(find(template, 'Quit').role).toBe('quit');
  });

  it('lists recent files and clears them', () => {
    const { ctx, opened, cleared } = context();
    const template = buildMenuTemplate(ctx);
    click(find(template, 'a.graph — /tmp'));
    expect(opened).toEqual(['/tmp/a.graph']);
    const clear = find(template, 'Clear Recent');
    expect(clear.enabled).toBe(true);
    click(clear);
    expect(cleared()).toBe(1);

    const empty = buildMenuTemplate(context({ recentFiles: [] }).ctx);
    expect(find(empty, 'No Recent Documents').enabled).toBe(false);
    expect(find(empty, 'Clear Recent').enabled).toBe(false);
  });

  it('shows control characters in recent file names as symbols, and still opens the exact path', () => {
    const { ctx, opened } = context({ recentFiles: ['/home/me/new\nline\there.graph'] });
    const template = buildMenuTemplate(ctx);
    click(find(template, 'new␊line␉here.graph — /home/me'));
    expect(opened).toEqual(['/home/me/new\nline\there.graph']);
  });

  it('offers developer tools only in development', () => {
    const roles = (ctx: MenuContext) =>
      flatten(buildMenuTemplate(ctx)).map(({ item }) => item.role);
    expect(roles(context().ctx)).not.toContain('toggleDevTools');
    expect(roles(context({ isDevelopment: true }).ctx)).toContain('toggleDevTools');
  });
});
