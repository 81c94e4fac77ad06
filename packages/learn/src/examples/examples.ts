import { exampleFiles } from './exampleFiles';

/**
 * One example of Chainrule: a file in the repository's `examples/` folder with the words the app
 * shows for it. The one list behind Help › Examples, the top bar, the empty-canvas gallery, the
 * CLI's tests and the agreement test between `chainrule gradcheck` and the app.
 * @public
 */
export interface Example {
  /** The file name in `examples/` (`seed.graph`): the document's name when it opens, and the id in `open-example:<id>` menu commands. */
  readonly id: string;
  /** The title everywhere it is listed. */
  readonly title: string;
  /** What the example teaches, in a few words, for the gallery card. */
  readonly teaches: string;
  /** One sentence on what to try once it is open. */
  readonly tryThis: string;
  /** Shown in the empty-canvas gallery (teaching examples); every example is in the menus. */
  readonly inGallery: boolean;
  /** The `.graph` file's text, to open with `parseGraphDocument`. */
  readonly text: string;
}

type ExampleWords = Omit<Example, 'text'>;

const manifest: readonly ExampleWords[] = [
  {
    id: 'seed.graph',
    title: 'J = 3(a + bc)',
    teaches: 'the forward pass and the chain rule, step by step',
    tryThis:
      'Play the backprop player and watch dJ/db = dJ/du · ∂u/∂b = 3 · 2 = 6 appear on the edge from b.',
    inGallery: true,
  },
  {
    id: 'tanh-neuron.graph',
    title: 'A tanh neuron',
    teaches: 'a neuron: weighted sum, bias, activation',
    tryThis: 'Drag the bias and watch tanh saturate: its gradient fades as the output nears ±1.',
    inGallery: true,
  },
  {
    id: 'linear-regression.graph',
    title: 'Linear regression',
    teaches: 'fitting a line to data: a batch, a mean, gradient descent',
    tryThis:
      'Train with SGD at learning rate 0.1 for 300 steps and watch w and b settle near 2 and 1, the line the points were drawn from.',
    inGallery: true,
  },
  {
    id: 'logistic-regression.graph',
    title: 'Logistic regression',
    teaches: 'classification with a sigmoid and cross-entropy',
    tryThis:
      'Train with Adam and watch the boundary p = 0.5 swing between the two clouds as the test accuracy climbs.',
    inGallery: true,
  },
  {
    id: 'xor.graph',
    title: 'An XOR network',
    teaches: 'why a hidden layer is needed: no line separates XOR',
    tryThis:
      'Train with Adam and watch the four hidden neurons bend the boundary around the quadrants.',
    inGallery: true,
  },
  {
    id: 'spiral.graph',
    title: 'A spiral network',
    teaches: 'a deeper network of composite neurons learning a hard boundary',
    tryThis:
      'Train for 800 steps with Adam and watch the boundary wind itself around the two spirals.',
    inGallery: true,
  },
  {
    id: 'sigmoid-chain.graph',
    title: 'Vanishing gradients',
    teaches: 'why deep chains of sigmoids learn slowly',
    tryThis:
      'Compare dJ/dw1 with dJ/dw5: every sigmoid on the way back shrinks the gradient by at least 4×.',
    inGallery: true,
  },
  {
    id: 'dead-relu.graph',
    title: 'A dead ReLU',
    teaches: 'why a ReLU with a negative input stops learning',
    tryThis: 'Train and see nothing move; then drag b above −1 and train again.',
    inGallery: true,
  },
  {
    id: 'fan-out.graph',
    title: 'A value used twice',
    teaches: 'why gradients add where a value fans out',
    tryThis:
      'Step the player backwards to x and watch its gradient arrive as 2 + 1 = 3, one term per edge.',
    inGallery: true,
  },
  {
    id: 'two-layer-network.graph',
    title: 'A two-layer network',
    teaches: 'composites: one neuron defined once, used three times',
    tryThis:
      'Double-click h1 to open it and see its own weights and gradients, then train and watch L fall.',
    inGallery: true,
  },
  {
    id: 'squared-error.graph',
    title: 'Squared error of a linear model',
    teaches: 'the loss of one prediction against its target',
    tryThis: 'Drag w until L reaches 0 and watch dL/dw change sign as the prediction passes t.',
    inGallery: false,
  },
  {
    id: 'least-squares-by-hand.graph',
    title: 'Least squares, point by point',
    teaches: 'a sum over data points written out node by node',
    tryThis:
      'Train with SGD at learning rate 0.02 for 500 steps and watch w and b settle at 1.97 and 1.07, the least-squares line.',
    inGallery: false,
  },
  {
    id: 'domain-error.graph',
    title: 'A domain error',
    teaches: 'how an error blocks everything after it',
    tryThis: 'Set x above 5 and watch log and everything after it come back to life.',
    inGallery: false,
  },
];

/**
 * Every example in teaching order, the seed first. The texts are the bytes of `examples/*.graph`,
 * held in a generated module (`exampleFiles.ts`) so that Node (the CLI), Vite (the web app) and
 * Electron load them the same way, with no file access and no bundler-only import.
 * @example examples[0].title // 'J = 3(a + bc)'
 * @public
 */
export const examples: readonly Example[] = manifest.map((words) => {
  const text = exampleFiles[words.id];
  if (text === undefined) throw new Error(`examples/${words.id} is missing from exampleFiles.ts`);
  return { ...words, text };
});

/** The examples of the empty-canvas gallery, in teaching order. @public */
export const galleryExamples: readonly Example[] = examples.filter((example) => example.inGallery);

/**
 * Finds an example by id (its file name).
 * @example findExample('seed.graph')?.title; // 'J = 3(a + bc)'
 * @public
 */
export const findExample = (id: string): Example | undefined =>
  examples.find((example) => example.id === id);
