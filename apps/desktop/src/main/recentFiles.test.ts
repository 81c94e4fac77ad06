import { describe, expect, it } from 'vitest';
import { createRecentFiles, type RecentFilesStorage } from './recentFiles';

function memoryStorage(initial: string | null = null) {
  const state = { text: initial, saves: 0 };
  const storage: RecentFilesStorage = {
    load: async () => state.text,
    save: async (text) => {
      state.text = text;
      state.saves += 1;
    },
  };
  return { state, storage };
}

describe('recent files', () => {
  it('puts the latest first, deduplicates and persists', async () => {
    const { state, storage } = memoryStorage();
    const recent = createRecentFiles({ storage });
    await recent.load();
    await recent.add('/a/one.graph');
    await recent.add('/a/two.graph');
    await recent.add('/a/./one.graph');
    expect(recent.list()).toEqual(['/a/one.graph', '/a/two.graph']);

    const reloaded = createRecentFiles({ storage });
    await reloaded.load();
    expect(reloaded.list()).toEqual(['/a/one.graph', '/a/two.graph']);
    expect(state.saves).toBe(3);
  });

  it('caps the list, dropping the oldest', async () => {
    const { storage } = memoryStorage();
    const recent = createRecentFiles({ storage, limit: 3 });
    await recent.load();
    for (const n of [1, 2, 3, 4, 5]) await recent.add(`/f/${n}.graph`);
    expect(recent.list()).toEqual(['/f/5.graph', '/f/4.graph', '/f/3.graph']);
  });

  it('treats case variants as one file on case-insensitive systems only', async () => {
    const insensitive = createRecentFiles({
      storage: memoryStorage().storage,
      caseInsensitive: true,
    });
    await insensitive.add('/A/Net.graph');
    await insensitive.add('/a/net.graph');
    expect(insensitive.list()).toEqual(['/a/net.graph']);

    const sensitive = createRecentFiles({ storage: memoryStorage().storage });
    await sensitive.add('/A/Net.graph');
    await sensitive.add('/a/net.graph');
    expect(sensitive.list()).toHaveLength(2);
  });

  it('clears and removes, persisting each change', async () => {
    const { state, storage } = memoryStorage();
    const recent = createRecentFiles({ storage });
    await recent.add('/x/a.graph');
    await recent.add('/x/b.graph');
    await recent.remove('/x/a.graph');
    expect(recent.list()).toEqual(['/x/b.graph']);
    await recent.clear();
    expect(recent.list()).toEqual([]);
    expect(JSON.parse(state.text ?? '')).toEqual({ version: 1, files: [] });
  });

  it('survives a corrupt or hostile store', async () => {
    for (const text of ['{', 'null', '{"files": "nope"}', '[1,2]']) {
      const recent = createRecentFiles({ storage: memoryStorage(text).storage });
      await recent.load();
      expect(recent.list()).toEqual([]);
    }
    const mixed = createRecentFiles({
      storage: memoryStorage(
        JSON.stringify({
          version: 1,
          files: ['relative.graph', 42, '/ok.graph', '/ok.graph', '/n\u0000ul'],
        }),
      ).storage,
    });
    await mixed.load();
    expect(mixed.list()).toEqual(['/ok.graph']);
  });
});
