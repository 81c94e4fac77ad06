import type { MenuItemConstructorOptions } from 'electron';
import { EventChannel } from '../shared/ipc';
import type { ExampleEntry } from './examples';
import { buildMenuTemplate } from './menu';
import type { RecentFiles } from './recentFiles';
import type { WindowManager } from './windows';

/** What the application menu needs; Electron's `Menu` and `app` in the app, fakes in tests. */
export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly isDevelopment: boolean;
  readonly examples: readonly ExampleEntry[];
  readonly recentFiles: RecentFiles;
  readonly windows: WindowManager;
  /** Opens a recent file (it was opened before, so any name is accepted). */
  readonly openRecent: (file: string) => void;
  /** `Menu.setApplicationMenu(Menu.buildFromTemplate(template))`. */
  readonly install: (template: MenuItemConstructorOptions[]) => void;
  /** The OS-wide recent list (Dock, Jump List); Linux has none. */
  readonly osRecent: { add(file: string): void; clear(): void };
}

/** The application menu, rebuilt whenever what it lists changes. */
export interface AppMenu {
  refresh(): void;
  /** A file was opened or saved: list it in the OS's recent documents and in the menu. */
  documentUsed(file: string): void;
}

/**
 * Creates the application menu: commands go to the current window (a new one if none is open),
 * Open Recent lists the app's own recent files, Clear Recent clears both lists.
 * @example const menu = createAppMenu({ ... }); menu.refresh();
 */
export function createAppMenu(options: AppMenuOptions): AppMenu {
  const { platform, recentFiles, windows } = options;
  function refresh(): void {
    options.install(
      buildMenuTemplate({
        platform,
        isDevelopment: options.isDevelopment,
        appName: 'Chainrule',
        recentFiles: recentFiles.list(),
        examples: options.examples,
        sendCommand(command) {
          windows.send(windows.currentOrNew(), EventChannel.command, command);
        },
        openRecent: (file) => options.openRecent(file),
        clearRecent() {
          void recentFiles.clear().then(refresh);
          if (platform !== 'linux') options.osRecent.clear();
        },
      }),
    );
  }
  return {
    refresh,
    documentUsed(file) {
      if (platform !== 'linux') options.osRecent.add(file);
      refresh();
    },
  };
}
