import { useEditor, useViewSettings } from '../EditorContext';
import { StateIcon } from '../canvas/StateIcon';

/** Why something was refused, or what went wrong, with at most one action (e.g. Replace). */
export const NoticeBar = () => {
  const { view } = useEditor();
  const { notice } = useViewSettings();
  if (!notice) return null;
  return (
    <div className={`notice tone-${notice.tone}`} role="alert" data-testid="notice">
      <span className="notice-icon">
        {notice.tone === 'info' ? null : <StateIcon kind="error" />}
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
