import path from 'node:path';

/** Where the recent-files list is stored; injected so tests use a temp folder or memory. */
export interface RecentFilesStorage {
  /** The stored text, or `null` if nothing was stored yet. */
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
}

/** The app's own "Open Recent" list (Linux has no OS-wide one), most recent first. */
export interface RecentFiles {
  /** Reads the stored list; a missing or corrupt store yields an empty list. */
  load(): Promise<void>;
  list(): readonly string[];
  /** Moves `file` to the front (adding it if new) and persists. */
  add(file: string): Promise<void>;
  remove(file: string): Promise<void>;
  clear(): Promise<void>;
}

/** Options for {@link createRecentFiles}. */
export interface RecentFilesOptions {
  readonly storage: RecentFilesStorage;
  /** How many entries to keep. */
  readonly limit?: number;
  /** Case-insensitive file systems (macOS, Windows by default) treat `A.graph` and `a.graph` as one. */
  readonly caseInsensitive?: boolean;
}

const STORE_VERSION = 1;

/**
 * Creates the recent-files list, persisted as JSON (`{ "version": 1, "files": [...] }`).
 * Entries are deduplicated (by normalised path) and capped.
 * @example
 * const recent = createRecentFiles({ storage: jsonFileStorage(file) });
 * await recent.load(); await recent.add('/home/me/net.graph');
 */
export function createRecentFiles(options: RecentFilesOptions): RecentFiles {
  const limit = options.limit ?? 10;
  const key = (file: string) =>
    options.caseInsensitive ? path.normalize(file).toLowerCase() : path.normalize(file);
  let files: string[] = [];

  const persist = () =>
    options.storage.save(`${JSON.stringify({ version: STORE_VERSION, files }, null, 2)}\n`);

  return {
    async load() {
      files = [];
      let text: string | null;
      try {
        text = await options.storage.load();
      } catch {
        return;
      }
      if (text === null) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      const stored = (parsed as { files?: unknown }).files;
      if (!Array.isArray(stored)) return;
      const seen = new Set<string>();
      for (const entry of stored) {
        // The store lives in a user-writable folder: accept only absolute path strings.
        if (typeof entry !== 'string' || !path.isAbsolute(entry) || entry.includes('\u0000')) {
          continue;
        }
        const k = key(entry);
        if (seen.has(k)) continue;
        seen.add(k);
        files.push(path.normalize(entry));
        if (files.length === limit) break;
      }
    },
    list: () => files,
    async add(file) {
      const k = key(file);
      files = [path.normalize(file), ...files.filter((f) => key(f) !== k)].slice(0, limit);
      await persist();
    },
    async remove(file) {
      const k = key(file);
      files = files.filter((f) => key(f) !== k);
      await persist();
    },
    async clear() {
      files = [];
      await persist();
    },
  };
}
