import {
  nodeId,
  type CompositeMap,
  type GraphDocument,
  type GraphSpec,
  type NodeId,
  type OpRegistry,
} from '@chainrule/graph-runtime';
import { parseNumberArg } from './args';
import { UsageError, type CommandContext, type OptionSpec, type ParsedArgs } from './command';
import { loadGraphFile, reportProblem } from './load';
import type { Progress } from './progress';

/** `--set ID=NUMBER`, shared by the commands that evaluate a graph. @public */
export const setOption: OptionSpec = {
  name: 'set',
  kind: 'value',
  repeatable: true,
  valueName: 'ID=NUMBER',
  description: 'give an input or const node a value for this run (repeatable)',
};

/** `--output ID`, shared by the commands that compute gradients. @public */
export const outputOption: OptionSpec = {
  name: 'output',
  kind: 'value',
  valueName: 'ID',
  description: 'take gradients of this node instead of the file\'s "output"',
};

/** What {@link applyOverrides} returns: the graph to run, or a problem located at an option. @public */
export type OverrideResult =
  | { readonly ok: true; readonly graph: GraphSpec }
  | { readonly ok: false; readonly location: string; readonly message: string };

/** Splits `ID=NUMBER` at its last `=`: ids may contain `=`, numbers never do. */
const parseAssignment = (text: string): { id: string; value: number } => {
  const equals = text.lastIndexOf('=');
  if (equals <= 0) throw new UsageError(`--set expects ID=NUMBER, got ${JSON.stringify(text)}`);
  return {
    id: text.slice(0, equals),
    value: parseNumberArg(text.slice(equals + 1), `--set ${text.slice(0, equals)}`),
  };
};

/**
 * Applies `--set` and `--output` to a loaded graph without touching the file: each `--set` must
 * name an `input` or `const` node, `--output` any node. Malformed values are usage errors;
 * ids the file does not have are problems with the file's graph, reported at the option.
 * @example applyOverrides(document.graph, args, standardRegistry)
 * @public
 */
export const applyOverrides = (
  graph: GraphSpec,
  args: ParsedArgs,
  registry: OpRegistry,
): OverrideResult => {
  const assignments = (args.values.get('set') ?? []).map(parseAssignment);
  const byId = new Map(graph.nodes.map((node) => [node.id as string, node]));
  const values = new Map<string, number>();
  for (const { id, value } of assignments) {
    const node = byId.get(id);
    if (node === undefined) {
      return { ok: false, location: '--set', message: `no node has the id ${JSON.stringify(id)}` };
    }
    if (registry.get(node.op)?.kind !== 'source') {
      return {
        ok: false,
        location: '--set',
        message: `node ${JSON.stringify(id)} is a ${node.op} node; only input and const nodes have a value to set`,
      };
    }
    values.set(id, value);
  }
  let output: NodeId | null = graph.output ?? null;
  const chosen = args.values.get('output')?.[0];
  if (chosen !== undefined) {
    if (!byId.has(chosen)) {
      return {
        ok: false,
        location: '--output',
        message: `no node has the id ${JSON.stringify(chosen)}`,
      };
    }
    output = nodeId(chosen);
  }
  const nodes =
    values.size === 0
      ? graph.nodes
      : graph.nodes.map((node) => {
          const value = values.get(node.id);
          return value === undefined ? node : { ...node, params: { ...node.params, value } };
        });
  return { ok: true, graph: { nodes, edges: graph.edges, output } };
};

/** A loaded file ready to run: the flat graph with the options applied. @public */
export interface RunnableGraph {
  readonly graph: GraphSpec;
  readonly document: GraphDocument;
  readonly map: CompositeMap;
}

/**
 * Loads a `.graph` file, flattens its composites and applies `--set` / `--output` to the flat
 * graph (so `--set h1/w1=0.5` sets a parameter of instance h1), printing every problem to
 * stderr. `null` means the command must exit with 2 (invalid file or option).
 * @example
 * const loaded = await loadGraphWithOverrides(file, args, context, progress);
 * if (!loaded) return ExitCode.invalid;
 * @public
 */
export const loadGraphWithOverrides = async (
  file: string,
  args: ParsedArgs,
  context: CommandContext,
  progress: Progress,
): Promise<RunnableGraph | null> => {
  const loaded = await loadGraphFile(file, context, progress);
  if (!loaded.ok) return null;
  const overridden = applyOverrides(loaded.flat, args, context.registry);
  if (!overridden.ok) {
    reportProblem(context, file, `${overridden.location}: ${overridden.message}`);
    return null;
  }
  return { graph: overridden.graph, document: loaded.document, map: loaded.map };
};
