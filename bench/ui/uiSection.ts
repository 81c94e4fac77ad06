/**
 * The UI benchmark owns one marked section of docs/benchmarks.md; the engine benchmark rewrites
 * the rest of the file and carries that section over, so neither run erases the other's numbers.
 */

const START = '<!-- bench:ui:start -->';
const END = '<!-- bench:ui:end -->';

/** The marked UI section of a document (markers included), or `null` when it has none. */
export const extractUiSection = (doc: string): string | null => {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END, start);
  return start >= 0 && end >= 0 ? doc.slice(start, end + END.length) : null;
};

/** Replaces (or appends) the UI section of `doc` with `section`. */
export const replaceUiSection = (doc: string, section: string): string => {
  const marked = `${START}\n${section.trimEnd()}\n${END}`;
  const existing = extractUiSection(doc);
  if (existing !== null) return doc.replace(existing, () => marked);
  return `${doc.trimEnd()}\n\n${marked}\n`;
};

/** Carries the UI section of `previous` (if any) over to the end of a freshly written `doc`. */
export const keepUiSection = (previous: string | null, doc: string): string => {
  const section = previous === null ? null : extractUiSection(previous);
  return section === null ? doc : `${doc.trimEnd()}\n\n${section}\n`;
};
