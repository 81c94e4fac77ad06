import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/documentContract';
import { displayName } from '../shared/windowTitle';
import type { ExampleEntry } from './examples';

/** What the menu needs to know and do; no Electron objects, so it is built and tested in Node. */
export interface MenuContext {
  readonly platform: NodeJS.Platform;
  /** Developer tools appear only in development builds. */
  readonly isDevelopment: boolean;
  readonly appName: string;
  readonly recentFiles: readonly string[];
  readonly examples: readonly ExampleEntry[];
  /** Sends a command to the focused window's canvas. */
  readonly sendCommand: (command: MenuCommand) => void;
  readonly openRecent: (file: string) => void;
  readonly clearRecent: () => void;
}

/**
 * Builds the application menu: File, Edit, View, Help (plus the app menu on macOS) with the
 * standard accelerators. Edit and View items are commands for the canvas, not Chromium roles,
 * because undo/redo/copy/paste act on the graph; the renderer's host hands them back to
 * Chromium when a text field has focus.
 */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { platform, sendCommand } = context;
  const isMac = platform === 'darwin';
  const command = (
    label: string,
    name: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    click: () => sendCommand(name),
    ...(accelerator === undefined ? {} : { accelerator }),
  });

  const recentItems: MenuItemConstructorOptions[] =
    context.recentFiles.length === 0
      ? [{ label: 'No Recent Documents', enabled: false }]
      : context.recentFiles.map((file) => ({
          // The folder disambiguates two files with the same name; a tab or newline in either
          // is shown as a symbol, not as a broken menu label.
          label: `${displayName(path.basename(file))} — ${displayName(path.dirname(file))}`,
          click: () => context.openRecent(file),
        }));

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: context.appName,
          submenu: [
            command(`About ${context.appName}`, 'about'),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      command('Open…', 'open', 'CmdOrCtrl+O'),
      {
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          {
            label: 'Clear Recent',
            enabled: context.recentFiles.length > 0,
            click: () => context.clearRecent(),
          },
        ],
      },
      { type: 'separator' },
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      // The canvas as a handout, with values and gradients; saved through the download's Save dialog.
      command('Export Canvas as PNG…', 'export-canvas-png'),
      command('Export Canvas as SVG…', 'export-canvas-svg'),
      { type: 'separator' },
      { label: 'Close Window', role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(isMac
        ? []
        : [
            { type: 'separator' as const },
            { label: 'Quit', role: 'quit' as const, accelerator: 'Ctrl+Q' },
          ]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
      { type: 'separator' },
      command('Cut', 'cut', 'CmdOrCtrl+X'),
      command('Copy', 'copy', 'CmdOrCtrl+C'),
      command('Paste', 'paste', 'CmdOrCtrl+V'),
      command('Delete', 'delete'),
      { type: 'separator' },
      command('Select All', 'select-all', 'CmdOrCtrl+A'),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
      command('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
      command('Fit to Window', 'fit-view', 'CmdOrCtrl+0'),
      { type: 'separator' },
      command('Toggle Minimap', 'toggle-minimap', 'CmdOrCtrl+Shift+M'),
      command('Toggle Edge Labels', 'toggle-edge-labels', 'CmdOrCtrl+Shift+L'),
      ...(context.isDevelopment
        ? [
            { type: 'separator' as const },
            { role: 'reload' as const },
            { role: 'toggleDevTools' as const },
          ]
        : []),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      {
        label: 'Examples',
        submenu: context.examples.map((example) =>
          command(example.label, `open-example:${example.id}`),
        ),
      },
      command('Keyboard Shortcuts', 'show-shortcuts', 'CmdOrCtrl+/'),
      ...(isMac
        ? []
        : [{ type: 'separator' as const }, command(`About ${context.appName}`, 'about')]),
    ],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, helpMenu];
}
