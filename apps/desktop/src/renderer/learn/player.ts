import type { CompositeMap, EdgeId, NodeId } from '@chainrule/graph-runtime';
import type { BackpropScript, BackpropStep } from '@chainrule/learn';

/** Where the backprop player is. `index` -1 means "before the first step". */
export interface PlayerState {
  readonly index: number;
  readonly playing: boolean;
  /** Steps per second while playing. */
  readonly speed: number;
}

/** The speeds offered, in steps per second. */
export const PLAYER_SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8];

/** A stopped player before its first step, at one step per second. */
export const initialPlayer: PlayerState = { index: -1, playing: false, speed: 1 };

/** What a control of the player does. */
export type PlayerAction =
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'forward' }
  | { readonly type: 'back' }
  | { readonly type: 'seek'; readonly index: number }
  | { readonly type: 'tick' }
  | { readonly type: 'speed'; readonly speed: number };

const clamp = (index: number, length: number): number => Math.max(-1, Math.min(length - 1, index));

/**
 * The player's transitions over a script of `length` steps. Play at the end starts over; a tick
 * on the last step stops; stepping pauses (a person stepping wants to read, not race).
 * @example playerReducer(initialPlayer, { type: 'forward' }, 10).index // 0
 */
export const playerReducer = (
  state: PlayerState,
  action: PlayerAction,
  length: number,
): PlayerState => {
  switch (action.type) {
    case 'play':
      if (length === 0) return state;
      return { ...state, playing: true, index: state.index >= length - 1 ? -1 : state.index };
    case 'pause':
      return state.playing ? { ...state, playing: false } : state;
    case 'forward':
      return { ...state, playing: false, index: clamp(state.index + 1, length) };
    case 'back':
      return { ...state, playing: false, index: clamp(state.index - 1, length) };
    case 'seek':
      return { ...state, index: clamp(action.index, length) };
    case 'tick': {
      if (!state.playing) return state;
      const index = clamp(state.index + 1, length);
      return { ...state, index, playing: index < length - 1 };
    }
    case 'speed':
      return { ...state, speed: action.speed };
  }
};

/** How the player marks a node or an edge on the canvas. */
export type PlayerMark = 'current' | 'done' | 'pending';

/** The canvas marks for one position of the player. */
export interface PlayerMarks {
  readonly nodes: ReadonlyMap<NodeId, PlayerMark>;
  readonly edges: ReadonlyMap<EdgeId, PlayerMark>;
  /** The step being shown, if any. */
  readonly step: BackpropStep | null;
  readonly phase: 'forward' | 'backward' | null;
}

/** No marks: the player is not showing anything. */
export const noMarks: PlayerMarks = { nodes: new Map(), edges: new Map(), step: null, phase: null };

/**
 * What the canvas shows at step `index`: in the forward pass, the node being computed is
 * `current`, those computed before it `done` and the rest `pending` (dimmed), so the pass reads
 * left to right; in the backward pass every value is known, the edge (or the node summing its
 * edges) being shown is `current`, and edges already walked are `done`.
 */
export const playerMarks = (script: BackpropScript, index: number): PlayerMarks => {
  if (index < 0 || index >= script.steps.length) return noMarks;
  const nodes = new Map<NodeId, PlayerMark>();
  const edges = new Map<EdgeId, PlayerMark>();
  const step = script.steps[index]!;
  if (index < script.forwardCount) {
    script.steps.slice(0, script.forwardCount).forEach((s, i) => {
      if (s.kind === 'forward')
        nodes.set(s.node, i < index ? 'done' : i === index ? 'current' : 'pending');
    });
    return { nodes, edges, step, phase: 'forward' };
  }
  for (let i = script.forwardCount; i < index; i++) {
    const s = script.steps[i]!;
    if (s.kind === 'edge') edges.set(s.edge, 'done');
  }
  if (step.kind === 'edge') {
    edges.set(step.edge, 'current');
    nodes.set(step.target, 'done');
    nodes.set(step.source, 'current');
  } else if (step.kind === 'sum') {
    for (const edge of step.edges) edges.set(edge, 'current');
    nodes.set(step.node, 'current');
  } else if (step.kind === 'seed') {
    nodes.set(step.node, 'current');
  }
  return { nodes, edges, step, phase: 'backward' };
};

/** The index of the first step about `node` (forward, sum or an edge out of it), or -1. */
export const firstStepAbout = (
  script: BackpropScript,
  node: NodeId,
  phase: 'forward' | 'backward',
): number =>
  script.steps.findIndex((step, i) => {
    if (i < script.forwardCount !== (phase === 'forward')) return false;
    if (step.kind === 'edge') return step.source === node;
    return step.node === node;
  });

/** What the canvas shows, for mapping the flat graph's marks onto it (composites). */
export interface CanvasScope {
  /** The opened instances (`[]`: the document's own graph). */
  readonly path: readonly NodeId[];
  /** The edges drawn on the canvas (the opened definition's, or the document's). */
  readonly edges: readonly { readonly id: EdgeId }[];
  readonly map: CompositeMap;
}

/**
 * The canvas node that stands for a flat node: itself at its own level, the instance holding it
 * when it lies deeper inside, or `null` when it is not on this canvas at all.
 */
export const canvasNodeOf = (flatId: NodeId, scope: CanvasScope): NodeId | null => {
  const location = scope.map.locate(flatId);
  if (!location) return null;
  const inner = location.instancePath;
  if (inner.length < scope.path.length) return null;
  for (let k = 0; k < scope.path.length; k++) if (inner[k] !== scope.path[k]) return null;
  return inner.length === scope.path.length ? location.node : inner[scope.path.length]!;
};

const MARK_RANK: Record<PlayerMark, number> = { done: 0, pending: 1, current: 2 };

/**
 * The player's marks (on flat ids) as the canvas shows them: an instance takes the strongest
 * mark of what lies inside it (current, then pending, then done), and a canvas edge the
 * strongest of the flat edges it became. A document without composites is shown as it is.
 */
export const projectMarks = (marks: PlayerMarks, scope: CanvasScope): PlayerMarks => {
  const nodes = new Map<NodeId, PlayerMark>();
  for (const [flatId, mark] of marks.nodes) {
    const id = canvasNodeOf(flatId, scope);
    const was = id === null ? undefined : nodes.get(id);
    if (id !== null && (was === undefined || MARK_RANK[mark] > MARK_RANK[was])) nodes.set(id, mark);
  }
  const prefix = scope.path.length === 0 ? '' : `${scope.path.join('/')}/`;
  const canvasEdge = new Map<string, EdgeId>();
  for (const edge of scope.edges)
    for (const flat of scope.map.flatEdges(`${prefix}${edge.id}`)) canvasEdge.set(flat, edge.id);
  const edges = new Map<EdgeId, PlayerMark>();
  for (const [flatId, mark] of marks.edges) {
    const id = canvasEdge.get(flatId);
    const was = id === undefined ? undefined : edges.get(id);
    if (id !== undefined && (was === undefined || MARK_RANK[mark] > MARK_RANK[was]))
      edges.set(id, mark);
  }
  return { ...marks, nodes, edges };
};

/**
 * The gradient check's verdicts (on flat ids) as the canvas shows them: an instance is `ok`
 * when everything checked inside it agrees, `bad` when anything disagrees.
 */
export const projectChecks = (
  checks: ReadonlyMap<NodeId, 'ok' | 'bad'>,
  scope: CanvasScope,
): Map<NodeId, 'ok' | 'bad'> => {
  const projected = new Map<NodeId, 'ok' | 'bad'>();
  for (const [flatId, verdict] of checks) {
    const id = canvasNodeOf(flatId, scope);
    if (id !== null && projected.get(id) !== 'bad') projected.set(id, verdict);
  }
  return projected;
};

/** The node a step is about: the node computed, seeded or summed, or an edge's source. */
const stepNode = (step: BackpropStep): NodeId => (step.kind === 'edge' ? step.source : step.node);

/**
 * Where a step happens, for a person following the player into composites: `in h1 (neuron) › m1`,
 * `in net › h1 (neuron) › m1`; `null` for a top-level node.
 */
export const stepLocation = (step: BackpropStep, map: CompositeMap): string | null => {
  const location = map.locate(stepNode(step));
  if (!location || location.instancePath.length === 0) return null;
  const path = location.instancePath;
  const last = path.join('/');
  const definition = map.definitionOf(last);
  const instances = path.map((id, k) =>
    k === path.length - 1 && definition ? `${id} (${definition})` : id,
  );
  return `in ${instances.join(' › ')} › ${location.node}`;
};
