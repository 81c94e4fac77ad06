// Public API of @chainrule/learn: named exports only. The example manifest is also its own entry
// point, `@chainrule/learn/examples`, for the Electron main process.
export type {
  ExpressionError,
  ExpressionGraph,
  ExpressionResult,
  ExpressionOptions,
} from './expression/expressionToGraph';
export { expressionToGraph } from './expression/expressionToGraph';
export { intermediateName } from './expression/naming';
export type { DefinitionResult } from './expression/definitionFromExpression';
export { definitionFromExpression } from './expression/definitionFromExpression';
export type { BuiltinComposite } from './composites/builtins';
export {
  builtinComposites,
  neuronDefinition,
  mseDefinition,
  softplusDefinition,
  logisticLossDefinition,
  MAX_COMPOSITE_INPUTS,
} from './composites/builtins';
export type { ExpressionFunction } from './expression/vocabulary';
export { expressionFunctions, expressionConstants } from './expression/vocabulary';
export type { FormulaOptions, NodeFormula } from './formula/nodeFormula';
export { nodeFormula, latexName } from './formula/nodeFormula';
export { formatNumber } from './format/formatNumber';
export type {
  CheckGradientsOptions,
  CheckGradientsOutcome,
  NudgeResult,
  NudgeOutcome,
  VerifyOutcome,
} from './verify/verify';
export { checkGradients, nudge } from './verify/verify';
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
export type { Example } from './examples/examples';
export { examples, galleryExamples, findExample } from './examples/examples';
export type { Random } from './data/random';
export { createRandom, shuffledIndices } from './data/random';
export type { DataTable, GenerateOptions } from './data/generators';
export { generateDataset } from './data/generators';
export type { SplitOptions, SplitRows } from './data/split';
export { splitRows } from './data/split';
export type { CsvError, CsvResult } from './data/csv';
export { parseCsv, formatCsvError } from './data/csv';
export type {
  DataColumns,
  DataNode,
  LoadedDataset,
  LoadDatasetResult,
  LoadDatasetOptions,
} from './data/load';
export { dataNodes, datasetFromTable, loadDatasetColumns, loadDatasetSync } from './data/load';
export type {
  TrainingData,
  TrainingDataResult,
  SplitMetrics,
  DataStepReport,
  DataTrainerOptions,
  DataRunResult,
  DataTrainer,
} from './train/dataTrainer';
export { createDataTrainer, trainingDataFor } from './train/dataTrainer';
