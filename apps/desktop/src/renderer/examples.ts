/** One example shipped in the repository's `examples/` folder. */
export interface ExampleFile {
  /** The file name, e.g. `seed.graph`; also the id in `open-example:<id>` menu commands. */
  readonly id: string;
  readonly text: string;
}

// Bundled as text at build time, so examples open without any file access.
const files = import.meta.glob<string>('../../../../examples/*.graph', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The shipped examples, the seed first (it is what the empty canvas offers). */
export const examples: readonly ExampleFile[] = Object.entries(files)
  .map(([path, text]) => ({ id: path.slice(path.lastIndexOf('/') + 1), text }))
  .sort((a, b) =>
    a.id.startsWith('seed') ? -1 : b.id.startsWith('seed') ? 1 : a.id.localeCompare(b.id),
  );

/** A readable title for an example file name: `tanh-neuron.graph` → `Tanh neuron`. */
export const exampleTitle = (id: string): string => {
  const words = id.replace(/\.graph$/, '').replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
