/** One example shipped in `/examples`, as listed under Help › Examples. */
export interface ExampleEntry {
  /** The file's base name in `/examples`; the canvas loads it on `open-example:<id>`. */
  readonly id: string;
  readonly label: string;
}

/** The examples in Help › Examples, in teaching order. */
export const EXAMPLES: readonly ExampleEntry[] = [
  { id: 'seed', label: 'J = 3(a + bc)' },
  { id: 'tanh-neuron', label: 'A tanh neuron' },
  { id: 'squared-error', label: 'Squared error' },
  { id: 'domain-error', label: 'A domain error (log of a negative)' },
];
