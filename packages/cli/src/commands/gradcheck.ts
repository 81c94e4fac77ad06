import { evaluate, gradcheck, type GradcheckResult } from '@chainrule/graph-runtime';
import { optionValue, parseNumberArg } from '../args';
import type { Command, CommandContext, ParsedArgs } from '../command';
import { ExitCode, UsageError } from '../command';
import { reportProblem } from '../load';
import { loadGraphWithOverrides, outputOption, setOption } from '../overrides';
import { createProgress } from '../progress';
import { formatNumber, renderTable, safeText } from '../text';

const positiveOption = (args: ParsedArgs, name: string): number | undefined => {
  const text = optionValue(args, name);
  if (text === undefined) return undefined;
  const value = parseNumberArg(text, `--${name}`);
  if (!(value > 0)) throw new UsageError(`--${name} must be greater than 0, got ${text}`);
  return value;
};

/**
 * The `gradcheck --json` object, entries keyed by node id in the file's order. A skipped node
 * has `"skipped": true` and its reason instead of numbers. @public
 */
export const gradcheckJson = (result: GradcheckResult): Record<string, unknown> => {
  const nodes = Object.create(null) as Record<string, unknown>;
  for (const entry of result.nodes) {
    nodes[entry.id] =
      entry.kind === 'skipped'
        ? { skipped: true, reason: entry.reason }
        : {
            analytic: entry.analytic,
            numeric: entry.numeric,
            relativeError: entry.relativeError,
            ok: entry.ok,
          };
  }
  return {
    ok: result.ok,
    output: result.output,
    eps: result.eps,
    tolerance: result.tolerance,
    nodes,
  };
};

const gradcheckTable = (file: string, result: GradcheckResult): string => {
  const rows = result.nodes.map((entry) =>
    entry.kind === 'skipped'
      ? [safeText(entry.id), '—', '—', '—', `skipped: ${safeText(entry.reason)}`]
      : [
          safeText(entry.id),
          formatNumber(entry.analytic),
          formatNumber(entry.numeric),
          Number.isFinite(entry.relativeError) ? entry.relativeError.toExponential(2) : '—',
          entry.ok ? 'ok' : 'FAIL',
        ],
  );
  const checked = result.nodes.filter((entry) => entry.kind === 'checked');
  const skipped = result.nodes.length - checked.length;
  const worst = checked.reduce<(typeof checked)[number] | undefined>(
    (max, entry) =>
      max === undefined || !(entry.relativeError <= max.relativeError) ? entry : max,
    undefined,
  );
  const failed = checked.filter((entry) => !entry.ok).length;
  const verdict = result.ok
    ? `ok: ${checked.length} gradients agree with central differences`
    : `FAILED: ${failed} of ${checked.length} gradients disagree`;
  const details = [
    worst === undefined
      ? 'no node could be checked'
      : `worst relative error ${Number.isFinite(worst.relativeError) ? worst.relativeError.toExponential(2) : '∞'} at ${safeText(worst.id)}`,
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
  ];
  return [
    `${safeText(file)}: d${safeText(result.output)}/dnode, eps ${result.eps.toExponential()}, tolerance ${result.tolerance.toExponential()}\n`,
    '\n',
    renderTable(['node', 'analytic', 'numeric', 'rel. error', 'check'], rows),
    '\n',
    `${verdict} (${details.join('; ')})\n`,
  ].join('');
};

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const eps = positiveOption(args, 'eps');
  const tolerance = positiveOption(args, 'tolerance');
  const file = args.positionals[0]!;
  const progress = createProgress(file, context);
  const loaded = await loadGraphWithOverrides(file, args, context, progress);
  if (!loaded) return ExitCode.invalid;
  const { graph } = loaded;
  const output = graph.output;
  if (output == null) {
    reportProblem(
      context,
      file,
      'output: the graph has no output J to check gradients of; set "output" in the file or pass --output ID',
    );
    return ExitCode.invalid;
  }
  progress.step(`evaluating ${graph.nodes.length} nodes`);
  // Checked first so a J in error is reported as such, not as a failed finite difference.
  const outputValue = evaluate(context.registry, graph).nodes.get(output)?.value;
  if (outputValue !== undefined && outputValue.kind !== 'ok') {
    reportProblem(
      context,
      file,
      `output: ${JSON.stringify(output)} has no value (${outputValue.message}), so there is no gradient to check`,
    );
    return ExitCode.failed;
  }
  const sourcesOnly = args.flags.has('sources-only');
  progress.step(sourcesOnly ? 'nudging every input and const' : 'nudging every node');
  const result = gradcheck(context.registry, graph, {
    nodes: sourcesOnly ? 'sources' : 'all',
    ...(eps === undefined ? {} : { eps }),
    ...(tolerance === undefined ? {} : { tolerance }),
  });
  progress.done();
  context.stdout.write(
    args.flags.has('json')
      ? `${JSON.stringify(gradcheckJson(result), null, 2)}\n`
      : gradcheckTable(file, result),
  );
  return result.ok ? ExitCode.ok : ExitCode.failed;
};

/** `chainrule gradcheck FILE [--eps E] [--tolerance T] [--sources-only] [--output ID] [--set ID=NUMBER ...] [--json]`. @public */
export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: 'compare analytic gradients with central finite differences',
  usage:
    'chainrule gradcheck FILE [--eps E] [--tolerance T] [--sources-only] [--output ID] [--set ID=NUMBER ...] [--json]',
  description: [
    "For every node x of FILE, compares the engine's dJ/dx with the central finite difference",
    '(J(x + h) - J(x - h)) / 2h, where h = E * max(1, |x|), and prints the relative error',
    '|analytic - numeric| / max(1, |analytic|, |numeric|) of each node and the worst one. An',
    'intermediate node u is checked on the graph cut at u (u becomes an input), exactly as the',
    'app\'s "Check gradients" does, so the two give the same verdict. A node that cannot be',
    'differenced (J has no value a step away, or the step overflows the largest number) is',
    'skipped with its reason and does not fail. Checking every node costs one evaluation per',
    'node; --sources-only checks the input and const nodes only, on one evaluation.',
    '',
    'Exit status: 0 every gradient agrees within the tolerance, 1 some gradient disagrees (or',
    'the output has no value), 2 the file is invalid or the command was misused.',
  ].join('\n'),
  options: [
    {
      name: 'eps',
      kind: 'value',
      valueName: 'E',
      description: 'relative finite-difference step (default 1e-5)',
    },
    {
      name: 'tolerance',
      kind: 'value',
      valueName: 'T',
      description: 'largest accepted relative error (default 1e-4)',
    },
    {
      name: 'sources-only',
      kind: 'flag',
      description: 'check only input and const nodes (faster on big graphs)',
    },
    outputOption,
    setOption,
    { name: 'json', kind: 'flag', description: 'print one JSON object instead of a table' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
