import { examples as manifest } from '@chainrule/learn';

/** One example shipped in the repository's `examples/` folder. */
export interface ExampleFile {
  /** The file name, e.g. `seed.graph`; also the id in `open-example:<id>` menu commands. */
  readonly id: string;
  readonly text: string;
}

/** The shipped examples, from the one manifest in `@chainrule/learn`, the seed first. */
export const examples: readonly ExampleFile[] = manifest;

/** An example's title, as the manifest gives it (`seed.graph` → `J = 3(a + bc)`). */
export const exampleTitle = (id: string): string =>
  manifest.find((example) => example.id === id)?.title ?? id;
