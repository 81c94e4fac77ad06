import { dirname, join } from 'node:path';
import { describeReadError } from '@chainrule/files';
import type { GraphDocument, GraphSpec } from '@chainrule/graph-runtime';
import {
  dataNodes,
  loadDatasetColumns,
  trainingDataFor,
  type LoadedDataset,
  type TrainingData,
} from '@chainrule/learn';
import type { CommandContext } from './command';
import { reportProblem } from './load';

/**
 * Loads the datasets a flat graph reads (generated, inline, or a CSV beside FILE, read relative
 * to FILE's folder) and matches them with its data nodes. `null`: the graph reads no data.
 * `undefined`: a dataset could not be loaded; the reason is already on stderr.
 * @example const data = await loadTrainingData(file, document, flat.graph, context);
 * @public
 */
export const loadTrainingData = async (
  file: string,
  document: GraphDocument,
  graph: GraphSpec,
  context: CommandContext,
): Promise<TrainingData | null | undefined> => {
  const used = new Set(dataNodes(graph).map((node) => node.dataset));
  if (used.size === 0) return null;
  const folder = dirname(file);
  const loaded: LoadedDataset[] = [];
  for (const spec of document.datasets ?? []) {
    if (!used.has(spec.id)) continue;
    const result = await loadDatasetColumns(spec, {
      readText: async (path) => {
        try {
          return await context.readFile(join(folder, path));
        } catch (error) {
          throw new Error(describeReadError(error), { cause: error });
        }
      },
    });
    if (!result.ok) {
      reportProblem(context, file, result.message);
      return undefined;
    }
    loaded.push(result);
  }
  const data = trainingDataFor(graph, loaded);
  if (!data.ok) {
    reportProblem(context, file, data.message);
    return undefined;
  }
  return data;
};
