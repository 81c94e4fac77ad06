import {
  evaluate,
  type CompositeMap,
  type EdgeGradient,
  type GraphSpec,
  type NodeGradient,
  type NodeValue,
  type RuntimeSnapshot,
} from '@chainrule/graph-runtime';
import { ExitCode, type Command, type CommandContext, type ParsedArgs } from '../command';
import { loadGraphWithOverrides, outputOption, setOption } from '../overrides';
import { createProgress } from '../progress';
import { formatNumber, renderTable, safeText } from '../text';

type JsonRecord = Record<string, unknown>;

/** A `null`-prototype record, so node ids such as `__proto__` are ordinary keys in the output. */
const record = (): JsonRecord => Object.create(null) as JsonRecord;

const nodeEntry = (value: NodeValue, grad: NodeGradient): JsonRecord => {
  const entry = record();
  if (value.kind !== 'ok') {
    entry['error'] = value.message;
    return entry;
  }
  entry['value'] = value.value;
  if (grad.kind === 'ok') entry['grad'] = grad.value;
  else if (grad.kind === 'unavailable') entry['gradError'] = grad.message;
  return entry;
};

const edgeEntry = (gradient: EdgeGradient): JsonRecord => {
  const entry = record();
  if (gradient.kind === 'ok') {
    entry['local'] = gradient.local;
    entry['grad'] = gradient.contribution;
    return entry;
  }
  if (gradient.local !== null) entry['local'] = gradient.local;
  if (gradient.kind === 'unavailable') entry['error'] = gradient.message;
  return entry;
};

/**
 * What each composite instance is, for `eval --json`: its definition, and which flat node
 * carries each of its ports (`{ "h1": { "op": "neuron2", "inputs": { "x1": "a" },
 * "outputs": { "y": "h1/t" } } }`); absent when the file has no instances.
 */
const instancesJson = (map: CompositeMap): JsonRecord | undefined => {
  const paths = map.instances();
  if (paths.length === 0) return undefined;
  const instances = record();
  for (const path of paths) {
    const entry = record();
    const definition = map.definitionOf(path)!;
    entry['op'] = definition;
    const { inputs, outputs } = map.ports(path);
    const carriers = (ports: readonly string[], carrier: (port: string) => string | null) => {
      const result = record();
      for (const port of ports) result[port] = carrier(port);
      return result;
    };
    entry['inputs'] = carriers(inputs, (port) => map.inputCarrier(path, port));
    entry['outputs'] = carriers(outputs, (port) => map.outputCarrier(path, port));
    instances[path] = entry;
  }
  return instances;
};

/**
 * The `eval --json` object: `{ output, nodes: { id: { value, grad } | { error } },
 * edges: { id: { local, grad } } }` in the flat graph's node and edge order: inner nodes of
 * composites appear under their paths (`h1/mul1`), and `instances` says which flat node
 * carries each instance port. `grad` is absent when no output is chosen; an edge's `grad` is
 * its share of dJ/d(source).
 * @public
 */
export const evalJson = (
  graph: GraphSpec,
  snapshot: RuntimeSnapshot,
  map?: CompositeMap,
): JsonRecord => {
  const nodes = record();
  for (const node of graph.nodes) {
    const state = snapshot.nodes.get(node.id);
    if (state) nodes[node.id] = nodeEntry(state.value, state.grad);
  }
  const edges = record();
  for (const edge of graph.edges) {
    const gradient = snapshot.edges.get(edge.id);
    if (gradient) edges[edge.id] = edgeEntry(gradient);
  }
  const instances = map === undefined ? undefined : instancesJson(map);
  return instances === undefined
    ? { output: snapshot.output, nodes, edges }
    : { output: snapshot.output, nodes, edges, instances };
};

const describeValue = (value: NodeValue): string =>
  value.kind === 'ok' ? formatNumber(value.value) : value.kind;

const describeGrad = (grad: NodeGradient): string =>
  grad.kind === 'ok' ? formatNumber(grad.value) : grad.kind === 'none' ? '' : '—';

/** The human `eval` report: a summary line, a node table and an edge table. */
const evalTable = (file: string, graph: GraphSpec, snapshot: RuntimeSnapshot): string => {
  const output = snapshot.output;
  const outputState = output === null ? undefined : snapshot.nodes.get(output)?.value;
  const summary =
    output === null
      ? `${safeText(file)}: no output chosen (set "output" or pass --output ID for gradients)`
      : outputState === undefined || outputState.kind === 'ok'
        ? `${safeText(file)}: ${safeText(output)} = ${outputState ? describeValue(outputState) : '?'}`
        : `${safeText(file)}: ${safeText(output)} has no value, so there are no gradients (${safeText(outputState.message)})`;
  const gradTitle = output === null ? 'grad' : `d${safeText(output)}/dnode`;
  const nodeRows = graph.nodes.map((node) => {
    const state = snapshot.nodes.get(node.id);
    // When J itself has no value every gradient is unavailable for that one reason, already
    // given in the summary; per-node notes are kept for reasons specific to the node.
    const note =
      state === undefined
        ? ''
        : state.value.kind !== 'ok'
          ? state.value.message
          : state.grad.kind === 'unavailable' && outputState?.kind === 'ok'
            ? state.grad.message
            : '';
    return [
      safeText(node.id),
      safeText(node.op),
      state ? describeValue(state.value) : '?',
      state ? describeGrad(state.grad) : '',
      safeText(note),
    ];
  });
  const edgeRows = graph.edges.map((edge) => {
    const gradient = snapshot.edges.get(edge.id);
    const local = gradient?.local;
    return [
      safeText(edge.id),
      `${safeText(edge.source)} → ${safeText(edge.target)}.${safeText(edge.targetPort)}`,
      local === null || local === undefined ? '—' : formatNumber(local),
      gradient?.kind === 'ok' ? formatNumber(gradient.contribution) : '',
    ];
  });
  const parts = [
    `${summary}\n`,
    '\n',
    renderTable(['node', 'op', 'value', gradTitle, 'note'], nodeRows),
  ];
  if (edgeRows.length > 0) {
    parts.push('\n', renderTable(['edge', 'from → to.port', 'local', 'grad'], edgeRows));
  }
  return parts.join('');
};

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const file = args.positionals[0]!;
  const progress = createProgress(file, context);
  const loaded = await loadGraphWithOverrides(file, args, context, progress);
  if (!loaded) return ExitCode.invalid;
  const { graph, map } = loaded;
  progress.step(`evaluating ${graph.nodes.length} nodes`);
  const snapshot = evaluate(context.registry, graph);
  progress.step('writing the result');
  if (args.flags.has('json')) {
    context.stdout.write(`${JSON.stringify(evalJson(graph, snapshot, map), null, 2)}\n`);
  } else {
    context.stdout.write(evalTable(file, graph, snapshot));
  }
  progress.done();
  for (const state of snapshot.nodes.values()) {
    if (state.value.kind !== 'ok') return ExitCode.failed;
  }
  return ExitCode.ok;
};

/** `chainrule eval FILE [--set ID=NUMBER ...] [--output ID] [--json]`. @public */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate every node and the gradient of the output with respect to each',
  usage: 'chainrule eval FILE [--set ID=NUMBER ...] [--output ID] [--json]',
  description: [
    'Evaluates every node of FILE and, when the file (or --output) names an output J, the',
    'gradient dJ/d(node) of every node and the chain-rule factor on every edge.',
    '',
    'With --json, stdout is exactly one JSON object:',
    '  { "output": "J", "nodes": { "a": { "value": 5, "grad": 3 }, "bad": { "error": "..." } },',
    '    "edges": { "e1": { "local": 2, "grad": 6 } } }',
    'Composite instances are flattened: inner nodes and edges appear under their paths',
    '(h1/mul1, h1/e2; nested net/h1/mul1), and "instances" maps each instance to its definition',
    'and the flat node carrying each port: { "h1": { "op": "neuron2", "inputs": { "x1": "a" },',
    '"outputs": { "y": "h1/t" } } }. --set and --output take these paths too (--set h1/w1=0.5).',
    "An edge's local is d(target)/d(source); its grad is that edge's share of dJ/d(source).",
    'grad is absent when no output is chosen; a node or edge whose gradient cannot be computed',
    '(for example because J is in error) carries gradError (nodes) or error (edges) instead.',
    '',
    'Exit status: 0 every node has a value, 1 some node is in error or blocked,',
    '2 the file is invalid or the command was misused.',
  ].join('\n'),
  options: [
    setOption,
    outputOption,
    { name: 'json', kind: 'flag', description: 'print one JSON object instead of tables' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
