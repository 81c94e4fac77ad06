/**
 * A message cut to fit a node: at most `max` characters, ended at a word boundary with `…`,
 * never in the middle of a word (the node's title carries the full message, one hover away).
 * A single word longer than `max` is kept whole: the box clips it, but it is not misspelt.
 * 32 characters are two lines of a node at the readable font size (styles.css).
 * @example shortMessage('log needs x > 0, got -1 from the input a', 24) // 'log needs x > 0, got -1…'
 */
export const shortMessage = (message: string, max = 32): string => {
  const text = message.trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  // The last whitespace before the limit, unless the limit itself falls between words.
  const end = /\s/.test(text[max] ?? '') ? max : cut.search(/\s\S*$/);
  if (end <= 0) return `${text.split(/\s/)[0]}…`;
  return `${text.slice(0, end).replace(/[\s,;:.]+$/, '')}…`;
};
