import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { EditorContext, useEditor, useEditorState, useViewSettings } from './EditorContext';
import type { EditorServices } from './EditorContext';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { NoticeBar } from './shell/NoticeBar';
import { RecoveryNotice } from './shell/RecoveryNotice';
import { documentShortcut } from './shell/documentShortcuts';
import { ShortcutsDialog } from './shell/ShortcutsDialog';
import { TopBar } from './shell/TopBar';
import { LearnProvider } from './learn/LearnContext';
import { LearnDock } from './learn/LearnDock';
import { CanvasExtensionsContext } from './canvas/extensions';
import { learnCanvasExtensions } from './learn/canvasExtensions';
import { DataProvider } from './data/DataContext';
import type { DataServices } from './data/DataContext';
import { DataPanel } from './data/DataPanel';
import { CompositeScope } from './composites/CompositeScope';
import { CompositeBar } from './composites/CompositeBar';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  target.closest(
    'input:not([type="range"]):not([type="checkbox"]), textarea, select, [contenteditable="true"], dialog',
  ) !== null;

const isInDialog = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('dialog') !== null;

/**
 * Keyboard shortcuts. In Electron the menus own the accelerators of menu commands (they arrive
 * through `host.onCommand`), so only keys without a menu item are handled here; in the browser,
 * every shortcut is.
 */
const useKeyboard = (): void => {
  const { actions, host, view } = useEditor();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        view.update({ quickAdd: null });
        view.dismiss();
        return;
      }
      // Save and Open work from a value field too (Electron's menu accelerators already do).
      const shortcut = host.kind === 'browser' ? documentShortcut(event) : null;
      if (shortcut && !event.defaultPrevented && !isInDialog(event.target)) {
        event.preventDefault();
        if (shortcut === 'open') return void actions.openDocument();
        return void (shortcut === 'save' ? actions.save() : actions.saveAs());
      }
      if (isTyping(event.target) || event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = (): void => event.preventDefault();
      if (!mod && !event.altKey && event.key === '/') return (handled(), actions.quickAdd());
      if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        return (handled(), actions.deleteSelection());
      }
      if (mod && key === 'd') return (handled(), actions.duplicateSelection());
      if (host.kind !== 'browser' || !mod) return;
      if (key === 'z' && event.shiftKey) return (handled(), actions.redo());
      if (key === 'z' || key === 'y')
        return (handled(), key === 'z' ? actions.undo() : actions.redo());
      if (key === 'c') return (handled(), actions.copySelection());
      if (key === 'x') return (handled(), actions.cutSelection());
      if (key === 'v') return (handled(), actions.paste());
      if (key === 'a') return (handled(), actions.selectAll());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, host, view]);
};

/** Connects the editor to its host: menu commands, outside opens, close requests, the title. */
const useHost = (): void => {
  const { actions, host } = useEditor();
  const { file, dirty } = useEditorState();
  useEffect(() => {
    const offCommand = host.onCommand((command) => actions.runCommand(command));
    const offOpen = host.onExternalOpen((result) => void actions.openExternal(result));
    const offClose = host.onCloseRequest(() => actions.confirmDiscard());
    return () => {
      offCommand();
      offOpen();
      offClose();
    };
  }, [actions, host]);
  useEffect(() => host.setTitle(file.name, dirty), [host, file.name, dirty]);
};

/** The keyboard acts on what the canvas shows: inside an opened instance, its inner graph. */
const Keyboard = () => {
  useKeyboard();
  return null;
};

const Layout = () => {
  useHost();
  const { shortcutsOpen } = useViewSettings();
  return (
    <div className="app">
      <TopBar />
      <CompositeScope>
        <Keyboard />
        <main className="workspace">
          <Palette />
          <section className="canvas-area" aria-label="Canvas">
            <CompositeBar />
            <Canvas />
            <NoticeBar />
            <RecoveryNotice />
            <DataPanel />
            <LearnDock />
          </section>
          <Inspector />
        </main>
      </CompositeScope>
      {shortcutsOpen && <ShortcutsDialog />}
    </div>
  );
};

/** The whole editor for one window, given its services (see `main.tsx`). */
export const App = ({ services, data }: { services: EditorServices; data: DataServices }) => (
  <EditorContext.Provider value={services}>
    <ReactFlowProvider>
      <LearnProvider>
        <DataProvider services={data}>
          <CanvasExtensionsContext.Provider value={learnCanvasExtensions}>
            <Layout />
          </CanvasExtensionsContext.Provider>
        </DataProvider>
      </LearnProvider>
    </ReactFlowProvider>
  </EditorContext.Provider>
);
