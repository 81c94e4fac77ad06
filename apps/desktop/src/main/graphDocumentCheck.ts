import { formatDocumentIssue, parseGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import type { DocumentCheck } from './fileService';

/** How many loader issues to show before summarising the rest. */
const MAX_ISSUES_SHOWN = 3;

/**
 * Checks text with the real `.graph` loader, so a broken file is refused in main with the same
 * message (and line/column or JSON path) the loader gives everywhere else.
 * @example const check = graphDocumentCheck(); check('{') // { ok: false, message: 'line 1, …' }
 */
export function graphDocumentCheck(): DocumentCheck {
  return (text) => {
    const parsed = parseGraphDocument(text, standardRegistry);
    if (parsed.ok) return { ok: true };
    const shown = parsed.errors.slice(0, MAX_ISSUES_SHOWN).map(formatDocumentIssue);
    const more = parsed.errors.length - shown.length;
    if (more > 0) shown.push(`…and ${more} more problem${more === 1 ? '' : 's'}`);
    return { ok: false, message: shown.join('\n') };
  };
}
