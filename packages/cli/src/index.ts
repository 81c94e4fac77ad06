// Public API of @chainrule/cli: named exports only.
export type { TextSink, CliIO, CommandContext, OptionSpec, ParsedArgs, Command } from './command';
export { ExitCode, UsageError } from './command';
export { run, main, commandHelp, globalHelp } from './main';
export { commands } from './commands/index';
export { evalCommand, evalJson } from './commands/eval';
export { checkCommand } from './commands/check';
export { gradcheckCommand, gradcheckJson } from './commands/gradcheck';
export { parseArgs, optionValue, parseNumberArg } from './args';
export { loadGraphFile, reportProblem } from './load';
export type { LoadedGraphFile } from './load';
export { applyOverrides, loadGraphWithOverrides, setOption, outputOption } from './overrides';
export type { OverrideResult } from './overrides';
export { createProgress, PROGRESS_AFTER_MS, PROGRESS_FILE_BYTES } from './progress';
export type { Progress } from './progress';
export { readTextFile, processIO } from './io';
export { safeText, formatNumber, renderTable } from './text';
