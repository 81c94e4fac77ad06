import type { EdgeId, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import type { BackpropScript } from '@chainrule/learn';

/** The gradients the canvas must not show yet: the player has not reached them. */
export interface HiddenGradients {
  readonly nodes: ReadonlySet<NodeId>;
  readonly edges: ReadonlySet<EdgeId>;
}

/**
 * The step at which the player reveals each gradient: an edge's at its own step; a node's at the
 * last step about it (the seed for J, the edge carrying it back, or the sum over its fan-out, so
 * a node used twice shows its gradient only once both terms are in).
 */
const revealSteps = (
  script: BackpropScript,
): { nodes: Map<NodeId, number>; edges: Map<EdgeId, number> } => {
  const nodes = new Map<NodeId, number>();
  const edges = new Map<EdgeId, number>();
  for (let i = script.forwardCount; i < script.steps.length; i++) {
    const step = script.steps[i]!;
    if (step.kind === 'edge') {
      edges.set(step.edge, i);
      nodes.set(step.source, i);
    } else {
      nodes.set(step.node, i);
    }
  }
  return { nodes, edges };
};

/**
 * Which gradients stay hidden with the player at step `index` (-1: before the first step): all of
 * them before and during the forward pass, then each as the backward pass reaches it. Gradients
 * no step shows (a constant's, or a node that does not reach J) appear with the last step.
 * @example hiddenGradients(script, graph, 0).nodes.size === graph.nodes.length // forward pass
 */
export const hiddenGradients = (
  script: BackpropScript,
  graph: Pick<GraphSpec, 'nodes' | 'edges'>,
  index: number,
): HiddenGradients => {
  const last = script.steps.length - 1;
  const reveal = revealSteps(script);
  const hidden = (at: number | undefined): boolean => index < last && (at ?? last) > index;
  return {
    nodes: new Set(graph.nodes.map((n) => n.id).filter((id) => hidden(reveal.nodes.get(id)))),
    edges: new Set(graph.edges.map((e) => e.id).filter((id) => hidden(reveal.edges.get(id)))),
  };
};
