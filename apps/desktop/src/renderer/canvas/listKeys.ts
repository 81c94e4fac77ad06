import type { KeyboardEvent } from 'react';

/**
 * The keys of a search field that drives a list (quick add, find): ↑/↓ move the highlighted
 * entry (wrapping), Enter picks it, Escape closes. Handled keys do nothing else.
 * @example <input onKeyDown={listKeys(current, ops.length, setActive, add, close)} />
 */
export const listKeys =
  (
    current: number,
    count: number,
    setActive: (index: number) => void,
    pick: (index: number) => void,
    close: () => void,
  ) =>
  (event: KeyboardEvent<HTMLElement>): void => {
    const wrap = Math.max(count, 1);
    if (event.key === 'ArrowDown') setActive((current + 1) % wrap);
    else if (event.key === 'ArrowUp') setActive((current - 1 + wrap) % wrap);
    else if (event.key === 'Enter') pick(current);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
