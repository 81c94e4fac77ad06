import { standardRegistry } from '@chainrule/nodes';
import { parseArgs } from './args';
import { ExitCode, UsageError, type CliIO, type Command, type CommandContext } from './command';
import { commands } from './commands/index';
import { processIO } from './io';
import { safeText } from './text';

const optionUsage = (command: Command): string[] =>
  command.options.map((option) => {
    const name =
      option.kind === 'value'
        ? `--${option.name} ${option.valueName ?? 'VALUE'}`
        : `--${option.name}`;
    return `  ${name.padEnd(22)} ${option.description}`;
  });

/** The text of `chainrule COMMAND --help`. @public */
export const commandHelp = (command: Command): string =>
  [
    `usage: ${command.usage}`,
    '',
    command.description,
    '',
    'options:',
    ...optionUsage(command),
    `  ${'--help'.padEnd(22)} show this help`,
    '',
  ].join('\n');

/** The text of `chainrule --help`. @public */
export const globalHelp = (table: readonly Command[]): string => {
  const width = Math.max(...table.map((command) => command.name.length));
  return [
    'usage: chainrule COMMAND [ARGS...]',
    '',
    'Work with Chainrule .graph files: computational graphs and their gradients.',
    '',
    'commands:',
    ...table.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "chainrule COMMAND --help" for a command\'s options.',
    'Exit status: 0 success, 1 a node is in error or a gradient disagrees,',
    '2 an invalid file or a misused command.',
    '',
  ].join('\n');
};

const usageError = (context: Pick<CliIO, 'stderr'>, where: string, message: string): number => {
  context.stderr.write(`chainrule: ${where}${safeText(message)}\n`);
  return ExitCode.invalid;
};

/**
 * Runs `chainrule` with the given arguments (without the `node` and script path) and returns the
 * exit code. Never throws: misuse, bad files and even internal failures become one line on
 * stderr, never a stack trace.
 * @example const code = await run(['eval', 'seed.graph', '--json'], { stdout, stderr, readFile });
 * @public
 */
export const run = async (
  argv: readonly string[],
  io: CliIO,
  table: readonly Command[] = commands,
): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(globalHelp(table));
    return ExitCode.invalid;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    const command = table.find((candidate) => candidate.name === topic);
    if (topic !== undefined && command === undefined) {
      return usageError(io, '', `unknown command ${JSON.stringify(topic)}; run "chainrule --help"`);
    }
    io.stdout.write(command ? commandHelp(command) : globalHelp(table));
    return ExitCode.ok;
  }
  const command = table.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const known = table.map((candidate) => candidate.name).join(', ');
    return usageError(io, '', `unknown command ${JSON.stringify(name)} (commands: ${known})`);
  }
  const where = `${command.name}: `;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return ExitCode.ok;
  }
  const context: CommandContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: (path) => io.readFile(path),
    now: io.now ?? (() => performance.now()),
    registry: io.registry ?? standardRegistry,
  };
  try {
    const args = parseArgs(rest, command.options);
    const { min, max, name: what } = command.positionals;
    if (args.positionals.length < min) {
      throw new UsageError(`missing ${what}; usage: ${command.usage}`);
    }
    if (args.positionals.length > max) {
      throw new UsageError(`too many arguments; usage: ${command.usage}`);
    }
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      return usageError(io, where, `${error.message} (see "chainrule ${command.name} --help")`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return usageError(io, where, `internal error: ${message}`);
  }
};

/**
 * The process entry point used by `bin/chainrule.js`: runs with the real stdout, stderr and file
 * system, and keeps a closed pipe (`chainrule eval big.graph | head`) from crashing the process.
 * @public
 */
export const main = async (argv: readonly string[]): Promise<number> => {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return run(argv, processIO());
};
