import { useEditor, useViewSettings } from '../EditorContext';

/** Why something was refused, or what went wrong, with at most one action (e.g. Replace). */
export const NoticeBar = () => {
  const { view } = useEditor();
  const { notice } = useViewSettings();
  if (!notice) return null;
  return (
    <div className={`notice tone-${notice.tone}`} role="alert" data-testid="notice">
      <span className="notice-icon" aria-hidden="true">
        {notice.tone === 'info' ? 'ℹ' : '⚠'}
      </span>
      <p className="notice-message">{notice.message}</p>
      {notice.action && (
        <button type="button" className="primary" onClick={notice.action.run}>
          {notice.action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={view.dismiss}>
        ×
      </button>
    </div>
  );
};
