// Public API of @chainrule/nodes: named exports only.
export { defineOp, valueParam } from './defineOp';
export type { FunctionOpSpec, TypedLocalDerivative } from './defineOp';
export { inputOp, constOp } from './sources';
export { addOp, subOp, mulOp, divOp, negOp, absOp } from './arithmetic';
export { powOp, squareOp, sqrtOp } from './power';
export { expOp, logOp } from './exponential';
export { sinOp, cosOp } from './trigonometric';
export { tanhOp, sigmoidOp, reluOp } from './activation';
export { maxOp, minOp } from './comparison';
export { dataOp, meanOp, sumOp } from './data';
export { opCategories, groupOpsByCategory } from './categories';
export type { OpCategoryInfo, OpCategoryGroup } from './categories';
export { standardOps, standardRegistry } from './registry';
