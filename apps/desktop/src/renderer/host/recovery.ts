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
}

const isSnapshot = (value: unknown): value is RecoverySnapshot =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RecoverySnapshot).name === 'string' &&
  typeof (value as RecoverySnapshot).text === 'string' &&
  typeof (value as RecoverySnapshot).savedAt === 'number';

/**
 * The browser's recovery store: one IndexedDB record per tab. A tab reloading reads its own
 * record; a new tab (after the browser or the page crashed and was opened again) adopts the
 * newest record, so the work is offered back.
 * @example const recovery = createIndexedDbRecovery();
 */
export const createIndexedDbRecovery = (
  env: IndexedDbRecoveryEnv = {
    indexedDB: globalThis.indexedDB,
    tabStorage: globalThis.sessionStorage ?? null,
    newSlot: () => globalThis.crypto.randomUUID(),
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
  let slot: string | null = env.tabStorage?.getItem(SLOT_KEY) ?? null;
  const mySlot = (): string => {
    if (slot === null) {
      slot = env.newSlot();
      env.tabStorage?.setItem(SLOT_KEY, slot);
    }
    return slot;
  };

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
      let newest: { key: string; snapshot: RecoverySnapshot } | null = null;
      values.forEach((value: unknown, i) => {
        if (isSnapshot(value) && (newest === null || value.savedAt > newest.snapshot.savedAt))
          newest = { key: String(keys[i]), snapshot: value };
      });
      if (newest === null) return null;
      const adopted: { key: string; snapshot: RecoverySnapshot } = newest;
      // This tab's autosaves now replace the one it offers back.
      slot = adopted.key;
      env.tabStorage?.setItem(SLOT_KEY, slot);
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
