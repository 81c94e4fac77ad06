/// <reference types="vite/client" />

/** One example shipped in `/examples`, as listed under Help › Examples. */
export interface ExampleEntry {
  /** The file name in `/examples`; the canvas loads it on `open-example:<id>`. */
  readonly id: string;
  /** The document's own `name`, falling back to the file name. */
  readonly label: string;
}

/** The label for an example: the `name` its document declares, else its file name. */
export function exampleLabel(id: string, text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      const name = (parsed as { name?: unknown }).name;
      if (typeof name === 'string' && name.trim() !== '') return name.trim();
    }
  } catch {
    // A broken example is still listed; opening it shows the loader's message.
  }
  return id;
}

/**
 * Builds the menu's example list from files keyed by path: the seed first (it is the one the
 * docs teach with), then alphabetically by file name, as the canvas orders them.
 */
export function listExamples(files: Readonly<Record<string, string>>): ExampleEntry[] {
  return Object.entries(files)
    .map(([file, text]) => {
      const id = file.slice(file.lastIndexOf('/') + 1);
      return { id, label: exampleLabel(id, text) };
    })
    .sort((a, b) =>
      a.id === 'seed.graph' ? -1 : b.id === 'seed.graph' ? 1 : a.id.localeCompare(b.id),
    );
}

/** The examples under Help › Examples: whatever `/examples/*.graph` holds at build time. */
export const EXAMPLES: readonly ExampleEntry[] = listExamples(
  import.meta.glob<string>('../../../../examples/*.graph', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
