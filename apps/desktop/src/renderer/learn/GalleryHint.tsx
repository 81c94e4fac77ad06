import { galleryExamples } from '@chainrule/learn';
import type { Example } from '@chainrule/learn';
import { useEditor } from '../EditorContext';
import { useLearnServices } from './LearnContext';
import { initialPlayer } from './player';

/** An example whose card promises "step by step" is a lesson for the backprop player. */
const opensInPlayer = (example: Pick<Example, 'teaches'>): boolean =>
  /step by step/i.test(example.teaches);

/**
 * The examples gallery on the empty canvas: each example in one click, with what it teaches,
 * and a way into the expression box. A step-by-step lesson opens with the backprop player on
 * its first step.
 */
export const GalleryHint = () => {
  const { actions, session } = useEditor();
  const services = useLearnServices();
  const open = async (example: Example): Promise<void> => {
    await actions.openExample(example.id);
    // Only if it did open (an unsaved document may have been kept with Cancel).
    if (!services || !opensInPlayer(example) || session.store.getState().file.name !== example.id)
      return;
    services.learn.update({
      open: true,
      tab: 'player',
      player: { ...initialPlayer, index: 0 },
    });
  };
  return (
    <div className="gallery-hint">
      <h3>Or learn from an example</h3>
      <ul>
        {galleryExamples.map((example) => (
          <li key={example.id}>
            <button type="button" className="link-button" onClick={() => void open(example)}>
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
