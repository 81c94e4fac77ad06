import { documentTextSizeProblem, quoteText } from '@chainrule/graph-runtime';
import type { SaveResult } from './DocumentHost';

/**
 * The failed result for text too large to save as a `.graph` file, or `null` when it fits.
 * Both hosts check before writing, so the app never saves a file it would refuse to open.
 * @example tooLargeToSave(text, 'net.graph') // null, or { kind: 'failed', message: 'Couldn't save "net.graph": the file is …' }
 */
export function tooLargeToSave(text: string, name: string): SaveResult | null {
  const problem = documentTextSizeProblem(text);
  return problem === null
    ? null
    : { kind: 'failed', message: `Couldn't save ${quoteText(name)}: ${problem}.` };
}
