import type { EdgeGradient } from '@chainrule/graph-runtime';
import { edgeId } from '@chainrule/graph-runtime';
import type { EdgeProps } from '@xyflow/react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import { memo, useSyncExternalStore } from 'react';
import { useEdgeGradient, useEditor, useRenderCount } from '../EditorContext';
import { formatFull } from '../format/formatNumber';
import { edgeFactorText } from '../inspector/chainRule';
import type { GradientFlowEdge } from './flowElements';
import { LearnEdgeCaption, useLearnEdgeClass } from '../learn/CanvasMarks';

/**
 * Stroke width for a gradient magnitude: logarithmic, because gradients span orders of
 * magnitude; 1.5px for zero, about +1.6px per decade, capped so big ones stay readable.
 */
export const gradientWidth = (magnitude: number): number =>
  Number.isFinite(magnitude) ? 1.5 + Math.min(6, 1.6 * Math.log10(1 + Math.abs(magnitude))) : 7.5;

const edgeTone = (gradient: EdgeGradient): string => {
  if (gradient.kind === 'none') return 'none';
  if (gradient.kind === 'unavailable') return 'unavailable';
  if (gradient.contribution === 0) return 'zero';
  return gradient.contribution > 0 ? 'positive' : 'negative';
};

/**
 * An edge that shows the gradient it carries backwards: its width grows with
 * |dJ/dtarget · ∂target/∂source|, its colour says the sign, dashes flow from target back to
 * source, and its label (on hover or with the toggle) is the chain-rule factor with numbers.
 */
export const GradientEdge = memo(function GradientEdge(props: EdgeProps<GradientFlowEdge>) {
  const { id, data, selected } = props;
  const { view } = useEditor();
  // Selected slices only: hovering one edge must not re-render the others.
  const edgeLabels = useSyncExternalStore(view.subscribe, () => view.getState().edgeLabels);
  const hovered = useSyncExternalStore(view.subscribe, () => view.getState().hoveredEdge === id);
  const gradient = useEdgeGradient(edgeId(id));
  useRenderCount('edge', id);
  const learnClass = useLearnEdgeClass(id as never);
  const [path, labelX, labelY] = getBezierPath(props);
  const tone = edgeTone(gradient);
  const magnitude = gradient.kind === 'ok' ? Math.abs(gradient.contribution) : 0;
  const text = data
    ? edgeFactorText({ output: 'J', source: data.sourceName, target: data.targetName }, gradient)
    : '';
  const showLabel = edgeLabels || hovered || selected;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`gradient-edge tone-${tone}${selected ? ' selected' : ''}${learnClass}`}
        style={{ strokeWidth: gradient.kind === 'ok' ? gradientWidth(magnitude) : 1.5 }}
        interactionWidth={16}
      />
      {gradient.kind === 'ok' && gradient.contribution !== 0 && (
        <path d={path} className={`gradient-flow tone-${tone}`} fill="none" aria-hidden="true" />
      )}
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label tone-${tone}`}
            data-testid={`edge-label-${id}`}
            role="note"
            title={gradient.kind === 'ok' ? formatFull(gradient.contribution) : undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
      <LearnEdgeCaption id={id as never} x={labelX} y={labelY} />
    </>
  );
});
