import { examples } from '@chainrule/learn/examples';

/** One example shipped in `/examples`, as listed under Help › Examples. */
export interface ExampleEntry {
  /** The file name in `/examples`; the canvas loads it on `open-example:<id>`. */
  readonly id: string;
  /** The example's title in the one manifest (`@chainrule/learn/examples`). */
  readonly label: string;
}

/** The examples under Help › Examples, in the manifest's order (the seed first). */
export const EXAMPLES: readonly ExampleEntry[] = examples.map(({ id, title }) => ({
  id,
  label: title,
}));
