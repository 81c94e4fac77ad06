import { createOpRegistry, type OpDefinition, type OpRegistry } from '@chainrule/graph-runtime';
import { absOp, addOp, divOp, mulOp, negOp, subOp } from './arithmetic';
import { maxOp, minOp } from './comparison';
import { expOp, logOp } from './exponential';
import { powOp, sqrtOp, squareOp } from './power';
import { reluOp, sigmoidOp, tanhOp } from './activation';
import { constOp, inputOp } from './sources';
import { dataOp, meanOp, sumOp } from './data';
import { cosOp, sinOp } from './trigonometric';

/**
 * Every standard op, in palette order within each category.
 * @public
 */
export const standardOps = [
  inputOp,
  constOp,
  addOp,
  subOp,
  mulOp,
  divOp,
  negOp,
  absOp,
  powOp,
  squareOp,
  sqrtOp,
  expOp,
  logOp,
  sinOp,
  cosOp,
  tanhOp,
  sigmoidOp,
  reluOp,
  maxOp,
  minOp,
  dataOp,
  meanOp,
  sumOp,
] as const satisfies readonly OpDefinition[];

/**
 * The registry of every standard op, handed to `createRuntime({ registry, graph })`.
 * @example const runtime = createRuntime({ registry: standardRegistry, graph });
 * @public
 */
export const standardRegistry: OpRegistry = createOpRegistry(standardOps);
