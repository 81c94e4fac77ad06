/**
 * How ids and lists appear inside messages. One home, so the engine, validation, the document
 * loader and the app all say the same thing, and a 10 MB id or a 100,000-node cycle never makes a
 * 10 MB sentence.
 */

/** Ids longer than this many characters are cut in messages. @public */
export const MAX_QUOTED_CHARS = 60;
/** Lists in messages name at most this many items. @public */
export const MAX_LISTED_ITEMS = 12;

/**
 * Quotes an id (or any user text) for a message, cut with an ellipsis and its length when long.
 * @example quoteText('a') // '"a"'
 * @example quoteText('x'.repeat(1e6)) // '"xxx…" (1,000,000 characters)'
 * @public
 */
export const quoteText = (text: string): string => {
  if (text.length <= MAX_QUOTED_CHARS) return JSON.stringify(text);
  // Cut on a code point boundary so a surrogate pair is never split.
  let cut = MAX_QUOTED_CHARS - 12;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${JSON.stringify(`${text.slice(0, cut)}…`)} (${text.length.toLocaleString('en-US')} characters)`;
};

/**
 * Joins items for a message, naming at most `max` of them and counting the rest.
 * @example listItems(['a', 'b', 'c'], ' → ', 2) // 'a → b → … (1 more)'
 * @public
 */
export const listItems = (
  items: readonly string[],
  separator = ', ',
  max = MAX_LISTED_ITEMS,
): string => {
  if (items.length <= max) return items.join(separator);
  const rest = items.length - max;
  return `${items.slice(0, max).join(separator)}${separator}… (${rest.toLocaleString('en-US')} more)`;
};
