import { galleryExamples } from '@chainrule/learn';
import { useEditor } from '../EditorContext';
import { useLearnServices } from './LearnContext';

/**
 * The examples gallery on the empty canvas: each example in one click, with what it teaches,
 * and a way into the expression box.
 */
export const GalleryHint = () => {
  const { actions } = useEditor();
  const services = useLearnServices();
  return (
    <div className="gallery-hint">
      <h3>Or learn from an example</h3>
      <ul>
        {galleryExamples.map((example) => (
          <li key={example.id}>
            <button
              type="button"
              className="link-button"
              onClick={() => void actions.openExample(example.id)}
            >
              {example.title}
            </button>{' '}
            <span className="muted">— {example.teaches}</span>
          </li>
        ))}
      </ul>
      {services && (
        <button
          type="button"
          onClick={() => services.learn.update({ open: true, tab: 'expression' })}
        >
          Type an expression instead…
        </button>
      )}
    </div>
  );
};
