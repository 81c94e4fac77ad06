import seedText from '../../../../examples/seed.graph?raw';
import tanhNeuronText from '../../../../examples/tanh-neuron.graph?raw';
import linearRegressionText from '../../../../examples/linear-regression.graph?raw';
import logisticRegressionText from '../../../../examples/logistic-regression.graph?raw';
import sigmoidChainText from '../../../../examples/sigmoid-chain.graph?raw';
import deadReluText from '../../../../examples/dead-relu.graph?raw';
import fanOutText from '../../../../examples/fan-out.graph?raw';

/** One example of the gallery (Help › Examples and the empty-canvas hint). @public */
export interface GalleryExample {
  /** A stable id, also the file's base name in `examples/` (`seed` → `examples/seed.graph`). */
  readonly id: string;
  readonly title: string;
  /** One sentence on what to try once it is open. */
  readonly tryThis: string;
  /** What the example teaches, in a few words, for the hint card. */
  readonly teaches: string;
  /** The `.graph` file's text, to open with `parseGraphDocument`. */
  readonly text: string;
}

/**
 * The examples gallery in teaching order: the seed first, then a neuron, two models to train,
 * and three graphs that each show one thing about gradients. The texts are the files in
 * `examples/` (bundled with Vite's `?raw`), so the CLI, the app and the tests read the same bytes.
 * @public
 */
export const galleryExamples: readonly GalleryExample[] = [
  {
    id: 'seed',
    title: 'J = 3(a + bc)',
    teaches: 'the forward pass and the chain rule, step by step',
    tryThis:
      'Play the backprop player and watch dJ/db = dJ/du · ∂u/∂b = 3 · 2 = 6 appear on the edge from b.',
    text: seedText,
  },
  {
    id: 'tanh-neuron',
    title: 'A tanh neuron',
    teaches: 'a neuron: weighted sum, bias, activation',
    tryThis: 'Drag the bias and watch tanh saturate: its gradient fades as the output nears ±1.',
    text: tanhNeuronText,
  },
  {
    id: 'linear-regression',
    title: 'Linear regression',
    teaches: 'gradient descent on a sum of squared errors',
    tryThis:
      'Train with SGD at learning rate 0.02 for 500 steps and watch w and b settle at 1.97 and 1.07, the least-squares line.',
    text: linearRegressionText,
  },
  {
    id: 'logistic-regression',
    title: 'Logistic regression',
    teaches: 'classification with a sigmoid and cross-entropy',
    tryThis:
      'Train with Adam and watch the loss curve fall; then compare SGD at the same learning rate.',
    text: logisticRegressionText,
  },
  {
    id: 'sigmoid-chain',
    title: 'Vanishing gradients',
    teaches: 'why deep chains of sigmoids learn slowly',
    tryThis:
      'Compare dJ/dw1 with dJ/dw5: every sigmoid on the way back shrinks the gradient by at least 4×.',
    text: sigmoidChainText,
  },
  {
    id: 'dead-relu',
    title: 'A dead ReLU',
    teaches: 'why a ReLU with a negative input stops learning',
    tryThis: 'Train and see nothing move; then drag b above −1 and train again.',
    text: deadReluText,
  },
  {
    id: 'fan-out',
    title: 'A value used twice',
    teaches: 'why gradients add where a value fans out',
    tryThis:
      'Step the player backwards to x and watch its gradient arrive as 2 + 1 = 3, one term per edge.',
    text: fanOutText,
  },
];

/**
 * Finds a gallery example by id.
 * @example galleryExample('seed')?.title; // 'J = 3(a + bc)'
 * @public
 */
export const galleryExample = (id: string): GalleryExample | undefined =>
  galleryExamples.find((example) => example.id === id);
