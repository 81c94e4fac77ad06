import type { EdgeGradient } from '@chainrule/graph-runtime';
import { edgeId } from '@chainrule/graph-runtime';
import type { EdgeProps } from '@xyflow/react';
import { getBezierPath } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useEditor, useRenderCount } from '../EditorContext';
import { formatFull } from '../format/formatNumber';
import { edgeFactorText } from '../inspector/chainRule';
import { edgeLabelText } from './edgeLabel';
import { EdgeLabelPortal } from './edgeLabelTarget';
import { edgeClassHook, useCanvasExtensions } from './extensions';
import type { GradientFlowEdge } from './flowElements';
import { edgeTone, setPrefixedClass, useLiveDom } from './liveDom';

/**
 * Stroke width for a gradient magnitude: logarithmic, because gradients span orders of
 * magnitude; 1.5px for zero, about +1.6px per decade, capped so big ones stay readable.
 */
export const gradientWidth = (magnitude: number): number =>
  Number.isFinite(magnitude) ? 1.5 + Math.min(6, 1.6 * Math.log10(1 + Math.abs(magnitude))) : 7.5;

/**
 * An edge that shows the gradient it carries backwards: its width grows with
 * |dJ/dtarget · ∂target/∂source|, its colour says the sign, dashes flow from target back to
 * source, and its label is compact (`×2 → 6`: the local factor and what the edge carries) with the
 * toggle on, and the whole chain-rule sentence with numbers on hover, on focus and when selected.
 * The numbers are written into the DOM from the session's stream for the edge's id; the
 * component re-renders only for its geometry, selection and label visibility.
 */
export const GradientEdge = memo(function GradientEdge(props: EdgeProps<GradientFlowEdge>) {
  const { id, data, selected } = props;
  const { view, session } = useEditor();
  const extensions = useCanvasExtensions();
  const useEdgeClass = edgeClassHook(extensions);
  const Caption = extensions.EdgeCaption;
  // Selected slices only: hovering one edge must not re-render the others.
  const edgeLabels = useSyncExternalStore(view.subscribe, () => view.getState().edgeLabels);
  const hovered = useSyncExternalStore(view.subscribe, () => view.getState().hoveredEdge === id);
  useRenderCount('edge', id);
  const extraClass = useEdgeClass(edgeId(id));
  const [path, labelX, labelY] = getBezierPath(props);
  const [focused, setFocused] = useState(false);
  const expanded = hovered || focused || Boolean(selected);
  const showLabel = edgeLabels || expanded;

  const stroke = useRef<SVGPathElement>(null);
  const flow = useRef<SVGPathElement>(null);
  const label = useRef<HTMLDivElement>(null);
  const tone = useRef('none');
  // React Flow focuses the edge's wrapper (a <g> this component does not render): follow it.
  useEffect(() => {
    const wrapper = stroke.current?.closest('.react-flow__edge');
    if (!wrapper) return;
    const on = (): void => setFocused(true);
    const off = (): void => setFocused(false);
    wrapper.addEventListener('focusin', on);
    wrapper.addEventListener('focusout', off);
    return () => {
      wrapper.removeEventListener('focusin', on);
      wrapper.removeEventListener('focusout', off);
    };
  }, []);
  const gradient$ = useMemo(() => session.edgeGradient$(edgeId(id)), [session, id]);
  useLiveDom(gradient$, (gradient: EdgeGradient) => {
    tone.current = edgeTone(gradient);
    const magnitude = gradient.kind === 'ok' ? Math.abs(gradient.contribution) : 0;
    if (stroke.current) {
      setPrefixedClass(stroke.current, 'tone-', tone.current);
      stroke.current.style.strokeWidth = String(
        gradient.kind === 'ok' ? gradientWidth(magnitude) : 1.5,
      );
    }
    if (flow.current) {
      setPrefixedClass(flow.current, 'tone-', tone.current);
      flow.current.style.display =
        gradient.kind === 'ok' && gradient.contribution !== 0 ? '' : 'none';
    }
    if (label.current && data) {
      setPrefixedClass(label.current, 'tone-', tone.current);
      const names = { output: 'J', source: data.sourceName, target: data.targetName };
      label.current.textContent = edgeLabelText(names, gradient, expanded);
      label.current.classList.toggle('expanded', expanded);
      // The whole sentence is one hover away, for the compact label and for screen readers.
      const sentence = edgeFactorText(names, gradient);
      label.current.setAttribute('aria-label', sentence);
      label.current.title =
        gradient.kind === 'ok'
          ? `${sentence} (exactly ${formatFull(gradient.contribution)})`
          : sentence;
    }
  });
  return (
    <>
      <path
        ref={stroke}
        id={id}
        d={path}
        fill="none"
        className={`react-flow__edge-path gradient-edge tone-${tone.current}${selected ? ' selected' : ''}${extraClass}`}
      />
      <path
        d={path}
        fill="none"
        strokeOpacity={0}
        strokeWidth={16}
        className="react-flow__edge-interaction"
      />
      <path
        ref={flow}
        d={path}
        className={`gradient-flow tone-${tone.current}${extraClass}`}
        fill="none"
        aria-hidden="true"
      />
      {showLabel && (
        <EdgeLabelPortal>
          <div
            ref={label}
            className={`edge-label tone-${tone.current}${extraClass}`}
            data-testid={`edge-label-${id}`}
            role="note"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          />
        </EdgeLabelPortal>
      )}
      {Caption && <Caption id={edgeId(id)} x={labelX} y={labelY} />}
    </>
  );
});
