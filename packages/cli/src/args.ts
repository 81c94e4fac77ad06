import { UsageError, type OptionSpec, type ParsedArgs } from './command';

/**
 * Splits a command line by option specs: `--name VALUE`, `--name=VALUE`, `--flag`, and `--` to
 * end options (so a file called `--json` can still be named). Unknown options, missing values and
 * repeated single-valued options are {@link UsageError}s.
 * @example parseArgs(['seed.graph', '--set', 'a=1'], evalCommand.options)
 * @public
 */
export const parseArgs = (argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs => {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(`unknown option ${JSON.stringify(arg)} (options are spelled --name)`);
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const spec = byName.get(name);
    if (spec === undefined) throw new UsageError(`unknown option --${name}`);
    if (spec.kind === 'flag') {
      if (equals !== -1) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      value = argv[index + 1];
      index++;
    }
    if (value === undefined) {
      throw new UsageError(`--${name} needs a value (${spec.valueName ?? 'VALUE'})`);
    }
    const list = values.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable) {
      throw new UsageError(`--${name} can be given only once`);
    }
    list.push(value);
    values.set(name, list);
  }
  return { positionals, flags, values };
};

/** The single value of an option, or `undefined` when it was not given. @public */
export const optionValue = (args: ParsedArgs, name: string): string | undefined =>
  args.values.get(name)?.[0];

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a finite decimal number written on the command line (`1`, `-0.5`, `1e-6`); anything else
 * (including `NaN`, `Infinity`, hex, empty) is a {@link UsageError} naming the option.
 * @example parseNumberArg('1e-6', '--eps') // 0.000001
 * @public
 */
export const parseNumberArg = (text: string, what: string): number => {
  const value = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(`${what} needs a finite number, got ${JSON.stringify(text)}`);
  }
  return value;
};
