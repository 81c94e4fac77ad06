import type { Command } from '../command';
import { checkCommand } from './check';
import { evalCommand } from './eval';
import { exportCommand } from './export';
import { flattenCommand } from './flatten';
import { gradcheckCommand } from './gradcheck';
import { trainCommand } from './train';

/**
 * Every `chainrule` subcommand, in the order `chainrule --help` lists them. A new command is a
 * module in this folder exporting a {@link Command}, plus its entry here: the dispatcher derives
 * parsing, `--help` and misuse messages from the entry alone.
 * @public
 */
export const commands: readonly Command[] = [
  evalCommand,
  checkCommand,
  gradcheckCommand,
  trainCommand,
  flattenCommand,
  exportCommand,
];
