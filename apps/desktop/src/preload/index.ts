/**
 * The preload: the only code with `ipcRenderer`. It exposes a fixed set of named functions on
 * `window.chainrule` (typed by {@link ChainruleBridge}); the page never gets `ipcRenderer` itself,
 * so it can reach only the channels listed here, with the arguments main validates anyway.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { MenuCommand, OpenResult } from '../shared/documentContract';
import {
  EventChannel,
  InvokeChannel,
  SendChannel,
  type ChainruleBridge,
  type EventContract,
  type InvokeContract,
  type InvokeChannelName,
  type SendChannelName,
  type SendContract,
} from '../shared/ipc';

function invoke<C extends InvokeChannelName>(
  channel: C,
  ...args: InvokeContract[C]['args']
): Promise<InvokeContract[C]['result']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeContract[C]['result']>;
}

function send<C extends SendChannelName>(channel: C, ...args: SendContract[C]): void {
  ipcRenderer.send(channel, ...args);
}

function subscribe<C extends keyof EventContract>(
  channel: C,
  listener: (...args: EventContract[C]) => void,
): () => void {
  // Wrap so the page never receives the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer).
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) =>
    listener(...(args as EventContract[C]));
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: ChainruleBridge = {
  platform: process.platform,
  open: () => invoke(InvokeChannel.open),
  save: (ref, text, suggestedName) => invoke(InvokeChannel.save, ref, text, suggestedName),
  saveAs: (text, suggestedName) => invoke(InvokeChannel.saveAs, text, suggestedName),
  confirmUnsaved: (name) => invoke(InvokeChannel.confirmUnsaved, name),
  setTitle(name, dirty) {
    // Dirty first and on its own channel: main must know even if it cannot use the name.
    send(SendChannel.setDirty, dirty);
    send(SendChannel.setTitle, name);
  },
  openDroppedFile(file) {
    // Only a File the user really dropped has a path; one the page built in memory gives ''.
    const path = webUtils.getPathForFile(file);
    if (path !== '') send(SendChannel.openDropped, path);
  },
  nativeEdit: (command) => send(SendChannel.nativeEdit, command),
  onCommand: (listener: (command: MenuCommand) => void) =>
    subscribe(EventChannel.command, listener),
  onExternalOpen: (listener: (result: OpenResult) => void) =>
    subscribe(EventChannel.externalOpen, listener),
  onCloseRequest: (listener) => subscribe(EventChannel.closeRequest, listener),
  answerCloseRequest: (requestId, allow) => send(SendChannel.closeResponse, requestId, allow),
  rendererReady: () => send(SendChannel.rendererReady),
  readRecovery: () => invoke(InvokeChannel.readRecovery),
  writeRecovery: (snapshot) => invoke(InvokeChannel.writeRecovery, snapshot),
  clearRecovery: () => invoke(InvokeChannel.clearRecovery),
};

contextBridge.exposeInMainWorld('chainrule', bridge);
