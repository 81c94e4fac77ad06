// Public API of @chainrule/learn: named exports only. The gallery is a separate entry point,
// `@chainrule/learn/gallery`, because it bundles files with Vite's `?raw`.
export type {
  ExpressionError,
  ExpressionGraph,
  ExpressionResult,
  ExpressionOptions,
} from './expression/expressionToGraph';
export { expressionToGraph } from './expression/expressionToGraph';
export type { ExpressionFunction } from './expression/vocabulary';
export { expressionFunctions, expressionConstants } from './expression/vocabulary';
export type { FormulaOptions, NodeFormula } from './formula/nodeFormula';
export { nodeFormula, latexName } from './formula/nodeFormula';
export { formatNumber } from './formula/formatNumber';
export type { CanvasPosition, LayeredPositionsOptions } from './layout/layeredPositions';
export { layeredPositions } from './layout/layeredPositions';
export type { OptimizerKind, OptimizerOptions, Optimizer } from './train/optimizers';
export { createOptimizer, describeOptimizer, optimizerKinds } from './train/optimizers';
export type {
  TrainerOptions,
  TrainerStatus,
  TrainingTrace,
  TrainingStepResult,
  RunOptions,
  RunResult,
  Trainer,
} from './train/trainer';
export { createTrainer, trainableParameters } from './train/trainer';
export type {
  ForwardStep,
  SeedStep,
  EdgeStep,
  SumStep,
  BackpropStep,
  BackpropScript,
  BackpropScriptOptions,
} from './script/backpropScript';
export { createBackpropScript, displayName } from './script/backpropScript';
