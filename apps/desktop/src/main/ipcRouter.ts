import {
  invokeArgGuards,
  sendArgGuards,
  type InvokeChannelName,
  type InvokeContract,
  type SendChannelName,
  type SendContract,
} from '../shared/ipc';

/** The parts of an Electron IPC event the router looks at. */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  /** `null` when the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of `ipcMain` the router uses; a fake in tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}

/** Who called: the webContents id, so handlers can find the window. */
export interface IpcCaller {
  readonly webContentsId: number;
}

/** One handler per invoke channel, receiving validated arguments. */
export type InvokeHandlers = {
  readonly [C in InvokeChannelName]: (
    caller: IpcCaller,
    ...args: InvokeContract[C]['args']
  ) => Promise<InvokeContract[C]['result']>;
};

/** One handler per send channel, receiving validated arguments. */
export type SendHandlers = {
  readonly [C in SendChannelName]: (caller: IpcCaller, ...args: SendContract[C]) => void;
};

/** Why a message was refused. */
export type IpcRejection = 'untrusted-sender' | 'malformed-arguments';

/** Options for {@link registerIpc}. */
export interface RegisterIpcOptions {
  readonly ipcMain: IpcMainLike;
  /** True for the URL of a frame allowed to talk to main (our `app://` origin). */
  readonly isTrustedUrl: (url: string) => boolean;
  readonly invoke: InvokeHandlers;
  readonly send: SendHandlers;
  /** Told about every refused message (for logging). */
  readonly onRejected?: (channel: string, reason: IpcRejection) => void;
}

/**
 * Registers every IPC handler behind two checks: the sender must be the *main frame* of a page on
 * our own origin (not an iframe, not a page navigated elsewhere), and the arguments must pass the
 * contract's hand-written guards. A refused invoke rejects in the renderer; a refused send is
 * dropped.
 */
export function registerIpc(options: RegisterIpcOptions): void {
  const { ipcMain, isTrustedUrl, onRejected } = options;

  const trusted = (event: IpcEventLike) =>
    event.senderFrame !== null &&
    // Only the top frame: an embedded frame must not reach main even on our origin.
    (event.senderFrame.parent === null || event.senderFrame.parent === undefined) &&
    isTrustedUrl(event.senderFrame.url);

  for (const channel of Object.keys(invokeArgGuards) as InvokeChannelName[]) {
    const guard = invokeArgGuards[channel] as (args: readonly unknown[]) => boolean;
    const handler = options.invoke[channel] as (
      caller: IpcCaller,
      ...args: unknown[]
    ) => Promise<unknown>;
    ipcMain.handle(channel, (event, ...args) => {
      if (!trusted(event)) {
        onRejected?.(channel, 'untrusted-sender');
        throw new Error(`IPC ${channel} refused: untrusted sender`);
      }
      if (!guard(args)) {
        onRejected?.(channel, 'malformed-arguments');
        throw new Error(`IPC ${channel} refused: malformed arguments`);
      }
      return handler({ webContentsId: event.sender.id }, ...args);
    });
  }

  for (const channel of Object.keys(sendArgGuards) as SendChannelName[]) {
    const guard = sendArgGuards[channel] as (args: readonly unknown[]) => boolean;
    const handler = options.send[channel] as (caller: IpcCaller, ...args: unknown[]) => void;
    ipcMain.on(channel, (event, ...args) => {
      if (!trusted(event)) {
        onRejected?.(channel, 'untrusted-sender');
        return;
      }
      if (!guard(args)) {
        onRejected?.(channel, 'malformed-arguments');
        return;
      }
      handler({ webContentsId: event.sender.id }, ...args);
    });
  }
}
