import type { OpCategory, OpDefinition } from '@chainrule/graph-runtime';

/** A palette section: the category id and the heading a person reads. @public */
export interface OpCategoryInfo {
  readonly id: OpCategory;
  readonly label: string;
}

/**
 * Every op category in the order the palette lists them: sources first (every graph starts
 * with them), then data columns, then from the most familiar maths to the machine-learning
 * ones, and last the reductions over the samples of a batch.
 * @public
 */
export const opCategories = [
  { id: 'source', label: 'Sources' },
  { id: 'data', label: 'Data' },
  { id: 'arithmetic', label: 'Arithmetic' },
  { id: 'power', label: 'Powers & roots' },
  { id: 'exponential', label: 'Exponential & log' },
  { id: 'trigonometric', label: 'Trigonometry' },
  { id: 'activation', label: 'Activations' },
  { id: 'comparison', label: 'Comparison' },
  { id: 'reduction', label: 'Reductions' },
] as const satisfies readonly OpCategoryInfo[];

/** A palette section with its ops, in registry order. @public */
export interface OpCategoryGroup extends OpCategoryInfo {
  readonly ops: readonly OpDefinition[];
}

/**
 * Groups ops by category in palette order, keeping each category's ops in the given order and
 * leaving out categories with no ops.
 * @example groupOpsByCategory(standardRegistry.list()).map((g) => g.label)
 * @public
 */
export const groupOpsByCategory = (ops: readonly OpDefinition[]): OpCategoryGroup[] =>
  opCategories
    .map((category) => ({ ...category, ops: ops.filter((op) => op.category === category.id) }))
    .filter((group) => group.ops.length > 0);
