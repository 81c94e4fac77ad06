/**
 * When an autosave was written, for people: the clock time and how long ago,
 * e.g. `at 14:05:09 (3 minutes ago)`; `yesterday`/a date when it is older than today.
 * @example savedWhen(now - 90_000, now) // 'at 14:05:09 (2 minutes ago)'
 */
export const savedWhen = (savedAt: number, now: number, locale?: string): string => {
  const at = new Date(savedAt);
  const seconds = Math.max(0, Math.round((now - savedAt) / 1000));
  const ago =
    seconds < 45
      ? 'just now'
      : seconds < 45 * 60
        ? `${Math.max(1, Math.round(seconds / 60))} minute${Math.round(seconds / 60) > 1 ? 's' : ''} ago`
        : seconds < 36 * 3600
          ? `${Math.max(1, Math.round(seconds / 3600))} hour${Math.round(seconds / 3600) > 1 ? 's' : ''} ago`
          : `${Math.round(seconds / 86400)} days ago`;
  const sameDay = at.toDateString() === new Date(now).toDateString();
  const time = at.toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const day = sameDay ? '' : ` on ${at.toLocaleDateString(locale)}`;
  return `at ${time}${day} (${ago})`;
};
