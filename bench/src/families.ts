/**
 * Seeded generators of the benchmark's graph families. Each returns a plain `GraphSpec` (the
 * engine's input) built with standard op ids, with one output `J`. Every generator is a loop:
 * none recurses, so a 100k-node family is as cheap to build as a 1k one.
 */
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphEdge, GraphNode, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { createPrng } from './prng';

/** A generated graph plus what the report says about it. */
export interface GraphFamily {
  /** Short key for the report, e.g. `chain-10k`. */
  readonly key: string;
  /** One line saying how the graph is built and how nodes are counted. */
  readonly description: string;
  readonly spec: GraphSpec;
}

/** The id every family gives its output J. */
export const outputId: NodeId = nodeId('J');

/** Accumulates nodes and edges with sequential ids; the last node built can be named `J`. */
class SpecBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];

  source(op: 'input' | 'const', value: number, id?: string): NodeId {
    const nid = nodeId(id ?? `n${this.nodes.length}`);
    this.nodes.push({ id: nid, op, params: { value } });
    return nid;
  }

  unary(op: string, x: NodeId, id?: string): NodeId {
    const nid = nodeId(id ?? `n${this.nodes.length}`);
    this.nodes.push({ id: nid, op });
    this.connect(x, nid, 'x');
    return nid;
  }

  binary(op: string, a: NodeId, b: NodeId, id?: string): NodeId {
    const nid = nodeId(id ?? `n${this.nodes.length}`);
    this.nodes.push({ id: nid, op });
    this.connect(a, nid, 'a');
    this.connect(b, nid, 'b');
    return nid;
  }

  /**
   * Sums `terms` with a balanced tree of `add`s, level by level (no recursion), so a 10k-term
   * sum is 14 adds deep, not 10k. The root is named J.
   */
  sumTree(terms: readonly NodeId[]): NodeId {
    if (terms.length === 0) throw new Error('sumTree needs at least one term');
    let level = terms;
    while (level.length > 1) {
      const next: NodeId[] = [];
      for (let i = 0; i < level.length; i += 2) {
        const a = level[i]!;
        const b = level[i + 1];
        if (b === undefined) next.push(a);
        else next.push(this.binary('add', a, b, level.length === 2 ? outputId : undefined));
      }
      level = next;
    }
    return level[0]!;
  }

  build(output: NodeId): GraphSpec {
    return { nodes: this.nodes, edges: this.edges, output };
  }

  private connect(source: NodeId, target: NodeId, targetPort: string): void {
    this.edges.push({ id: edgeId(`e${this.edges.length}`), source, target, targetPort });
  }
}

/**
 * A chain of residual units x ← x + c·tanh(x), c ≈ 0.1 (seeded in [0.05, 0.15]): 4 nodes per unit
 * (`const` c, `tanh`, `mul`, `add`), 3 of them ops, after one `input`. The residual keeps every
 * change alive down the whole chain (the local slope 1 + c·(1 − tanh²) never reaches 0), and the
 * per-unit constants give edits with a small downstream cone near the end. x grows by about c per
 * unit, so after a few hundred units tanh(x) rounds to exactly 1 in float64: from there on an edit
 * travels down the `add` spine only (the tanh and mul nodes keep their values), and gradients
 * upstream of an edit stop changing. The report says so, since it makes the chain's backward cheap.
 */
export const chainFamily = (nodeCount: number, seed = 1): GraphFamily => {
  const rng = createPrng(seed);
  const b = new SpecBuilder();
  const units = Math.max(1, Math.round((nodeCount - 1) / 4));
  let x = b.source('input', rng.uniform(-1, 1));
  for (let u = 0; u < units; u++) {
    const c = b.source('const', rng.uniform(0.05, 0.15));
    const t = b.unary('tanh', x);
    const scaled = b.binary('mul', c, t);
    x = b.binary('add', x, scaled, u === units - 1 ? outputId : undefined);
  }
  return {
    key: `chain-${label(nodeCount)}`,
    description: `chain of ${units} residual units x + c·tanh(x), c ∈ [0.05, 0.15] (4 nodes per unit: const, tanh, mul, add; 3 ops), after 1 input; x grows ≈ c per unit, so tanh saturates to exactly 1 after a few hundred units and edits then travel down the add spine only`,
    spec: b.build(x),
  };
};

/**
 * A diamond lattice `width` wide and `depth` deep: row 0 is inputs, every later node adds its two
 * parents (i and i+1 of the row above, wrapping), and the last row is summed into J by a balanced
 * add tree. Path counts double per row, which is what makes naive reactive code explode.
 */
export const latticeFamily = (width: number, depth: number, seed = 2): GraphFamily => {
  const rng = createPrng(seed);
  const b = new SpecBuilder();
  let row: NodeId[] = [];
  for (let i = 0; i < width; i++) row.push(b.source('input', rng.uniform(-1, 1)));
  for (let d = 1; d < depth; d++) {
    const next: NodeId[] = [];
    for (let i = 0; i < width; i++) next.push(b.binary('add', row[i]!, row[(i + 1) % width]!));
    row = next;
  }
  const j = b.sumTree(row);
  return {
    key: `lattice-${width}x${depth}`,
    description: `diamond lattice ${width} wide × ${depth} deep (row 0 inputs, then add of two parents, wrapping), last row summed into J by ${width - 1} adds`,
    spec: b.build(j),
  };
};

const dagBinaryOps = ['add', 'sub', 'mul', 'mul', 'max', 'min'] as const;

/**
 * A random DAG of `nodeCount` nodes (one more when the last step overshoots) with fan-in 2. About 1 node in 10 is a source
 * (`input`), spread along the graph so late sources have small downstream cones; every other node
 * applies a random binary op to two distinct earlier nodes: one among the previous 64 (so the
 * graph is deep, not just wide) and one anywhere before it. Every sink (a node nothing reads) is
 * summed into J by a balanced add tree, so J depends on the whole graph; the body stops growing
 * when body plus tree reach `nodeCount`.
 */
export const randomDagFamily = (nodeCount: number, seed = 3): GraphFamily => {
  const rng = createPrng(seed);
  const b = new SpecBuilder();
  const ids: NodeId[] = [];
  const read = new Uint8Array(nodeCount);
  let sinks = 0;
  // The tree over s sinks adds s − 1 nodes; stop when the total would reach nodeCount.
  while (ids.length + Math.max(sinks, 1) - 1 < nodeCount) {
    const i = ids.length;
    if (i < 2 || rng.next() < 0.1) {
      ids.push(b.source('input', rng.uniform(-1, 1)));
      sinks++;
      continue;
    }
    const near = i - 1 - rng.int(Math.min(64, i));
    let far = rng.int(i - 1);
    if (far >= near) far++;
    const op = dagBinaryOps[rng.int(dagBinaryOps.length)]!;
    const [first, second] = rng.next() < 0.5 ? [near, far] : [far, near];
    ids.push(b.binary(op, ids[first]!, ids[second]!));
    sinks++;
    for (const p of [first, second]) {
      if (read[p] === 0) {
        read[p] = 1;
        sinks--;
      }
    }
  }
  const terms = ids.filter((_, i) => read[i] === 0);
  const j = b.sumTree(terms);
  return {
    key: `dag-${label(nodeCount)}`,
    description: `random DAG of ${b.nodes.length} nodes, fan-in 2 (one parent among the previous 64, one anywhere earlier), ~10% inputs, ops add/sub/mul/max/min; its ${terms.length} sinks summed into J by a balanced add tree (counted in)`,
    spec: b.build(j),
  };
};

const fanOutOps = ['sin', 'cos', 'tanh', 'sigmoid', 'square', 'neg', 'exp'] as const;

/**
 * One input x feeding `width` unary ops (cycling through sin, cos, tanh, sigmoid, square, neg,
 * exp), summed into J by a balanced add tree: 1 + width + (width − 1) nodes.
 */
export const fanOutFamily = (width: number, seed = 4): GraphFamily => {
  const rng = createPrng(seed);
  const b = new SpecBuilder();
  const x = b.source('input', rng.uniform(-1, 1));
  const leaves: NodeId[] = [];
  for (let i = 0; i < width; i++) leaves.push(b.unary(fanOutOps[i % fanOutOps.length]!, x));
  const j = b.sumTree(leaves);
  return {
    key: `fanout-${label(width)}`,
    description: `1 input into ${width} unary ops, summed into J by a balanced tree of ${width - 1} adds`,
    spec: b.build(j),
  };
};

/**
 * A layered MLP-like graph: `features` inputs, then `layers` dense layers of `width` neurons, each
 * neuron tanh(Σ wᵢ·xᵢ + bias) with every weight and bias an `input` node, products summed by a
 * balanced add tree; J sums the last layer. Per neuron: fan-in weights, fan-in muls, fan-in adds
 * (tree plus bias), 1 bias, 1 tanh.
 */
export const mlpFamily = (layers: number, width: number, seed = 5): GraphFamily => {
  const rng = createPrng(seed);
  const b = new SpecBuilder();
  let activations: NodeId[] = [];
  for (let i = 0; i < width; i++) activations.push(b.source('input', rng.uniform(-1, 1)));
  const scale = 1 / Math.sqrt(width);
  for (let l = 0; l < layers; l++) {
    const next: NodeId[] = [];
    for (let n = 0; n < width; n++) {
      const products: NodeId[] = [];
      for (const a of activations) {
        const w = b.source('input', rng.uniform(-scale, scale) * 2);
        products.push(b.binary('mul', w, a));
      }
      let level = products;
      while (level.length > 1) {
        const up: NodeId[] = [];
        for (let i = 0; i < level.length; i += 2) {
          const p = level[i]!;
          const q = level[i + 1];
          up.push(q === undefined ? p : b.binary('add', p, q));
        }
        level = up;
      }
      const bias = b.source('input', rng.uniform(-0.1, 0.1));
      next.push(b.unary('tanh', b.binary('add', level[0]!, bias)));
    }
    activations = next;
  }
  const j = b.sumTree(activations);
  return {
    key: `mlp-${layers}x${width}`,
    description: `MLP ${layers} layers × ${width} neurons from mul/add/tanh: ${width} input features, every weight and bias an input node, J = sum of the last layer`,
    spec: b.build(j),
  };
};

/** `10000` → `10k`, `100000` → `100k`, smaller counts as they are. */
const label = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
