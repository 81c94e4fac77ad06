import type { RecoverySnapshot } from '../../shared/documentContract';

export type { RecoverySnapshot } from '../../shared/documentContract';

/**
 * Where the open document is autosaved while it has unsaved changes, so a crash or a reload
 * loses at most a few seconds of work: IndexedDB in a browser, a file in the user-data folder
 * (through main) in Electron. One slot per window or tab.
 */
export interface RecoveryStore {
  /** This window's autosave from before a crash or reload, or `null`. */
  read(): Promise<RecoverySnapshot | null>;
  /** Replaces this window's autosave. */
  write(snapshot: RecoverySnapshot): Promise<void>;
  /** Forgets it (the document was saved or discarded). */
  clear(): Promise<void>;
}

/**
 * A recovery store that lives as long as the page: for tests, and for a browser without
 * IndexedDB (private windows of some browsers), where nothing outlives the page anyway.
 * @example const recovery = createMemoryRecovery();
 */
export const createMemoryRecovery = (initial: RecoverySnapshot | null = null): RecoveryStore => {
  let kept = initial;
  return {
    read: async () => kept,
    write: async (snapshot) => void (kept = snapshot),
    clear: async () => void (kept = null),
  };
};

const DATABASE = 'chainrule-recovery';
const STORE = 'snapshots';
const SLOT_KEY = 'chainrule.recoverySlot';

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/** What the IndexedDB recovery store needs from the page; injected so tabs and tests differ. */
export interface IndexedDbRecoveryEnv {
  readonly indexedDB: IDBFactory;
  /** Per-tab storage (`sessionStorage`): which slot this tab writes, kept across reloads. */
  readonly tabStorage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly newSlot: () => string;
  /**
   * Web Locks (`navigator.locks`), where there are: each tab holds a lock on its slot while it
   * lives, so a new tab never adopts the autosave of a tab that is still open.
   */
  readonly locks?: Pick<LockManager, 'request' | 'query'>;
}

const lockName = (slot: string): string => `chainrule-recovery:${slot}`;

const isSnapshot = (value: unknown): value is RecoverySnapshot =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RecoverySnapshot).name === 'string' &&
  typeof (value as RecoverySnapshot).text === 'string' &&
  typeof (value as RecoverySnapshot).savedAt === 'number';

/**
 * The browser's recovery store: one IndexedDB record per tab. A tab reloading reads its own
 * record; a new tab (after the browser or the page crashed and was opened again) adopts the
 * newest record that no open tab holds (Web Locks), so the work is offered back once.
 * @example const recovery = createIndexedDbRecovery();
 */
export const createIndexedDbRecovery = (
  env: IndexedDbRecoveryEnv = {
    indexedDB: globalThis.indexedDB,
    tabStorage: globalThis.sessionStorage ?? null,
    newSlot: () => globalThis.crypto.randomUUID(),
    ...(globalThis.navigator?.locks ? { locks: globalThis.navigator.locks } : {}),
  },
): RecoveryStore => {
  let database: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    database ??= new Promise((resolve, reject) => {
      const req = env.indexedDB.open(DATABASE, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
    });
    return database;
  };
  const objects = async (mode: IDBTransactionMode): Promise<IDBObjectStore> =>
    (await open()).transaction(STORE, mode).objectStore(STORE);
  /** Takes `next` as this tab's slot, and holds its lock for as long as the tab lives. */
  const claim = (next: string): string => {
    slot = next;
    env.tabStorage?.setItem(SLOT_KEY, next);
    void env.locks?.request(lockName(next), () => new Promise<void>(() => undefined));
    return next;
  };
  let slot: string | null = null;
  const kept = env.tabStorage?.getItem(SLOT_KEY) ?? null;
  if (kept !== null) claim(kept);
  const mySlot = (): string => slot ?? claim(env.newSlot());

  return {
    async read() {
      if (slot !== null) {
        const mine: unknown = await request((await objects('readonly')).get(slot));
        return isSnapshot(mine) ? mine : null;
      }
      const store = await objects('readonly');
      const [keys, values] = await Promise.all([
        request(store.getAllKeys()),
        request(store.getAll()),
      ]);
      const held = new Set(((await env.locks?.query())?.held ?? []).map((lock) => lock.name ?? ''));
      let newest: { key: string; snapshot: RecoverySnapshot } | null = null;
      values.forEach((value: unknown, i) => {
        const key = String(keys[i]);
        if (held.has(lockName(key))) return; // another open tab's work, not a lost one
        if (isSnapshot(value) && (newest === null || value.savedAt > newest.snapshot.savedAt))
          newest = { key, snapshot: value };
      });
      if (newest === null) return null;
      const adopted: { key: string; snapshot: RecoverySnapshot } = newest;
      // This tab's autosaves now replace the one it offers back.
      claim(adopted.key);
      return adopted.snapshot;
    },
    async write(snapshot) {
      const store = await objects('readwrite');
      await request(store.put(snapshot, mySlot()));
    },
    async clear() {
      if (slot === null) return;
      await request((await objects('readwrite')).delete(slot));
    },
  };
};
