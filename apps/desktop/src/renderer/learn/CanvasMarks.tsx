import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { EdgeLabelRenderer } from '@xyflow/react';
import { useLearnSelector, useNodeCheck, useNodeMark, useEdgeMark } from './LearnContext';

/**
 * The CSS classes learning mode puts on a node: the player's `player-current` / `player-done` /
 * `player-pending` (and `grad-hidden` until the backward pass reaches it), and the gradient
 * check's `check-ok` / `check-bad`. Empty when learning mode
 * marks nothing, so the canvas looks as usual.
 */
export const useLearnNodeClass = (id: NodeId): string => {
  const mark = useNodeMark(id);
  const check = useNodeCheck(id);
  const hidden = useLearnSelector((state) => state.hidden?.nodes.has(id) === true, false);
  return `${mark ? ` player-${mark}` : ''}${check ? ` check-${check}` : ''}${hidden ? ' grad-hidden' : ''}`;
};

/**
 * The CSS classes the player puts on an edge: `player-current` / `player-done`, and
 * `grad-hidden` while the backward pass has not reached it.
 */
export const useLearnEdgeClass = (id: EdgeId): string => {
  const mark = useEdgeMark(id);
  const hidden = useLearnSelector((state) => state.hidden?.edges.has(id) === true, false);
  return `${mark ? ` player-${mark}` : ''}${hidden ? ' grad-hidden' : ''}`;
};

/**
 * Over a node: the forward step's computation (`u = b·c = 3·2 = 6`) or the fan-out sum while
 * the player is on it, and the gradient check's ✓/✗.
 */
export const LearnNodeOverlay = ({ id }: { id: NodeId }) => {
  const text = useLearnSelector((state) => {
    const step = state.marks.step;
    if (!step || state.marks.nodes.get(id) !== 'current') return null;
    if (
      (step.kind === 'forward' || step.kind === 'sum' || step.kind === 'seed') &&
      step.node === id
    )
      return step.text;
    return null;
  }, null);
  const check = useNodeCheck(id);
  return (
    <>
      {text && (
        <div
          className="player-bubble formula"
          data-testid={`player-bubble-${id}`}
          aria-hidden="true"
        >
          {text}
        </div>
      )}
      {check && (
        <span
          className={`check-badge check-${check}`}
          title={
            check === 'ok'
              ? 'Gradient agrees with finite differences'
              : 'Gradient disagrees with finite differences'
          }
          aria-label={check === 'ok' ? 'gradient checked' : 'gradient check failed'}
        >
          {check === 'ok' ? '✓' : '✗'}
        </span>
      )}
    </>
  );
};

/** On an edge, while the player's backward pass is on it: its chain-rule factor in numbers. */
export const LearnEdgeCaption = ({ id, x, y }: { id: EdgeId; x: number; y: number }) => {
  const text = useLearnSelector((state) => {
    const step = state.marks.step;
    return step?.kind === 'edge' && step.edge === id ? step.text : null;
  }, null);
  if (!text) return null;
  return (
    <EdgeLabelRenderer>
      <div
        className="player-edge-caption formula"
        data-testid={`player-edge-${id}`}
        aria-hidden="true"
        style={{ transform: `translate(-50%, -130%) translate(${x}px, ${y}px)` }}
      >
        {text}
      </div>
    </EdgeLabelRenderer>
  );
};
