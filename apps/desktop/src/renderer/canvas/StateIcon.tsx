/**
 * The icons that mark a node's problem. Drawn as SVG rather than Unicode symbols, which some
 * systems' fonts lack (they would show as empty boxes).
 */
export const StateIcon = ({ kind }: { kind: 'error' | 'blocked' }) =>
  kind === 'error' ? (
    <svg className="state-icon" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 1.5 15 14.5H1z" fill="currentColor" />
      <path d="M8 6v4.2M8 12v.6" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  ) : (
    <svg className="state-icon" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M3.8 12.2 12.2 3.8" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
