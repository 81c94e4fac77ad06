import onnxProto from 'onnx-proto';
import { foldExpr, isNumber, type Expr, type UnaryFn } from '../expr';
import { gradientName } from '../names';
import type { ExportPlan, FunctionPlanNode } from '../plan';
import { portNames } from './text';

const { onnx } = onnxProto;

/** ONNX's element type for float64 (`TensorProto.DataType.DOUBLE`). */
const DOUBLE = onnx.TensorProto.DataType.DOUBLE;
/** The opset the graph is written against (every op used here exists there in float64). */
export const ONNX_OPSET = 13;
/** The IR version onnx-proto's schema describes. */
const IR_VERSION = 8;

const ONNX_CALL: Record<UnaryFn, string> = {
  exp: 'Exp',
  log: 'Log',
  sin: 'Sin',
  cos: 'Cos',
  tanh: 'Tanh',
  sqrt: 'Sqrt',
  abs: 'Abs',
  sign: 'Sign',
  sigmoid: 'Sigmoid',
};
const ONNX_BINARY = { '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div', pow: 'Pow' } as const;
const ONNX_COMPARE = {
  '>': 'Greater',
  '>=': 'GreaterOrEqual',
  '<': 'Less',
  '<=': 'LessOrEqual',
  '==': 'Equal',
} as const;

const scalarTensor = (name: string, value: number): onnxProto.onnx.ITensorProto => ({
  name,
  dims: [],
  dataType: DOUBLE,
  doubleData: [value],
});

const scalarInfo = (name: string, docString?: string): onnxProto.onnx.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType: DOUBLE, shape: { dim: [] } } },
  ...(docString !== undefined ? { docString } : {}),
});

/** What {@link toOnnx} returns: the model's bytes and the names of its outputs. @public */
export interface OnnxExport {
  readonly bytes: Uint8Array;
  /** The graph output holding J. */
  readonly output: string;
  /** The graph output holding dJ/dinput, by input id. */
  readonly grads: Readonly<Record<string, string>>;
  /** The graph input of each `input` node, by id, and its value in the graph. */
  readonly inputs: readonly {
    readonly id: string;
    readonly name: string;
    readonly value: number;
  }[];
}

/**
 * The graph as an ONNX model (float64, opset 13): the forward graph, then an explicit backward
 * graph written from the same local derivatives as the NumPy export. Inputs are the graph's
 * `input` nodes; outputs are J and `dJ_d<input>` for every input. Encoded with onnx-proto.
 * Intermediate tensors get names with a `/`, which node names (letters, digits, `_`) never have.
 * @public
 */
export const toOnnx = (plan: ExportPlan): OnnxExport => {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializer: onnxProto.onnx.ITensorProto[] = [];
  const constants = new Map<number, string>();
  let counter = 0;
  const constant = (value: number): string => {
    const key = Object.is(value, -0) ? -0 : value;
    let name = constants.get(key);
    if (name === undefined) {
      name = `const/${String(value)}`;
      constants.set(key, name);
      initializer.push(scalarTensor(name, value));
    }
    return name;
  };
  /** A `Constant` node writing `value` to `output`. */
  const constantNode = (value: number, output: string, docString: string): string => {
    nodes.push({
      name: `Constant/${++counter}`,
      opType: 'Constant',
      input: [],
      output: [output],
      attribute: [
        {
          name: 'value',
          type: onnx.AttributeProto.AttributeType.TENSOR,
          t: scalarTensor('', value),
        },
      ],
      docString,
    });
    return output;
  };
  const emit = (opType: string, input: string[], output: string, docString?: string): string => {
    nodes.push({
      name: `${opType}/${++counter}`,
      opType,
      input,
      output: [output],
      ...(docString !== undefined ? { docString } : {}),
    });
    return output;
  };
  /** Emits an expression's nodes; the result lands in `result` (or a fresh name). */
  const compile = (
    expr: Expr,
    names: (ref: string) => string,
    prefix: string,
    result?: string,
  ): string => {
    let index = 0;
    const fresh = (): string => `${prefix}/${++index}`;
    return foldExpr<string>(expr, (node, parts) => {
      const isRoot = node === expr;
      const out = (): string => (isRoot && result !== undefined ? result : fresh());
      switch (node.kind) {
        case 'num':
          return isRoot && result !== undefined
            ? constantNode(node.value, out(), String(node.value))
            : constant(node.value);
        case 'ref':
          return isRoot && result !== undefined
            ? emit('Identity', [names(node.name)], out())
            : names(node.name);
        case 'neg':
          return emit('Neg', [parts[0]!], out());
        case 'call':
          return emit(ONNX_CALL[node.fn], [parts[0]!], out());
        case 'bin':
          // 1 / x as Reciprocal (the same IEEE division): onnxruntime's Div-Mul fusion drops a
          // Div(1, x) whose result feeds two Muls, leaving the model invalid.
          if (node.op === '/' && isNumber(node.a, 1)) return emit('Reciprocal', [parts[1]!], out());
          return emit(ONNX_BINARY[node.op], [parts[0]!, parts[1]!], out());
        case 'if': {
          const test = emit(ONNX_COMPARE[node.test.op], [parts[0]!, parts[1]!], fresh());
          return emit('Where', [test, parts[2]!, parts[3]!], out());
        }
      }
    });
  };

  const inputs: OnnxExport['inputs'][number][] = [];
  const graphInputs: onnxProto.onnx.IValueInfoProto[] = [];
  for (const node of plan.nodes) {
    if (node.kind === 'input') {
      inputs.push({ id: node.id, name: node.name, value: node.value });
      graphInputs.push(
        scalarInfo(
          node.name,
          `input ${JSON.stringify(node.id)}, ${String(node.value)} in the graph`,
        ),
      );
    } else if (node.kind === 'const') {
      initializer.push({
        ...scalarTensor(node.name, node.value),
        docString: `const ${JSON.stringify(node.id)}`,
      });
    } else {
      compile(node.exports.forward, portNames(node), `${node.name}/forward`, node.name);
      nodes[nodes.length - 1]!.docString = `${node.op} ${JSON.stringify(node.id)}`;
    }
  }

  // Backward: dJ_d<node> for every node on a path from an input to J, named as in the NumPy
  // export: each step's contribution, then their Sum where a node feeds several others.
  const gradient = new Map<string, string>();
  const targetOf = new Map(plan.nodes.map((node) => [node.name, node] as const));
  const seed = gradientName(plan.output.name);
  gradient.set(plan.output.name, constantNode(1, seed, 'dJ/dJ = 1'));
  // Only the steps that lead to an input's gradient: the model has no dead nodes.
  const needed = new Set(plan.inputs.map((input) => input.name));
  for (let index = plan.backward.length - 1; index >= 0; index--) {
    const step = plan.backward[index]!;
    if (needed.has(step.source)) needed.add(step.target);
  }
  const steps = plan.backward.filter((step) => needed.has(step.source));
  const total = new Map<string, number>();
  for (const step of steps) total.set(step.source, (total.get(step.source) ?? 0) + 1);
  const contributions = new Map<string, string[]>();
  for (const step of steps) {
    const target = targetOf.get(step.target) as FunctionPlanNode;
    const upstream = gradient.get(step.target)!;
    const list = contributions.get(step.source) ?? [];
    contributions.set(step.source, list);
    const single = total.get(step.source) === 1;
    const name = single
      ? gradientName(step.source)
      : `${gradientName(step.source)}/from_${step.target}.${step.port}`;
    if (isNumber(step.local, 1)) list.push(emit('Identity', [upstream], name));
    else if (isNumber(step.local, -1)) list.push(emit('Neg', [upstream], name));
    else {
      const local = compile(step.local, portNames(target), `${step.target}/d_${step.port}`);
      list.push(emit('Mul', [upstream, local], name));
    }
    if (list.length === total.get(step.source)) {
      gradient.set(step.source, single ? list[0]! : emit('Sum', list, gradientName(step.source)));
    }
  }

  const grads: [string, string][] = [];
  const outputs: onnxProto.onnx.IValueInfoProto[] = [];
  let output = plan.output.name;
  if (plan.output.kind !== 'function') {
    output = emit('Identity', [plan.output.name], `${output}/output`);
  }
  outputs.push(scalarInfo(output, `the output J (${JSON.stringify(plan.output.id)})`));
  const used = new Set<string>([output]);
  for (const input of plan.inputs) {
    const name = gradientName(input.name);
    const tensor = gradient.get(input.name);
    if (tensor === undefined) constantNode(0, name, 'J does not depend on this input');
    else if (tensor !== name || used.has(tensor)) emit('Identity', [tensor], name);
    used.add(name);
    grads.push([input.id, name]);
    outputs.push(scalarInfo(name, `dJ/d${JSON.stringify(input.id)}`));
  }
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'chainrule',
    docString: `${plan.title}: J and dJ/dinput for every input, forward and backward written out.`,
    graph: {
      name: plan.title,
      node: nodes,
      input: graphInputs,
      output: outputs,
      initializer,
    },
    metadataProps: [
      { key: 'chainrule.output', value: output },
      { key: 'chainrule.grads', value: JSON.stringify(Object.fromEntries(grads)) },
    ],
  });
  return {
    bytes: onnx.ModelProto.encode(model).finish(),
    output,
    // fromEntries: an input id such as `__proto__` must become an own key.
    grads: Object.fromEntries(grads),
    inputs,
  };
};

/**
 * A readable listing of an ONNX model exported by {@link toOnnx}: its inputs and outputs, then one
 * line per node, `output = Op(inputs)`, in the model's order. For previews and the docs (the
 * model itself is binary; Netron draws it).
 * @public
 */
export const describeOnnx = (bytes: Uint8Array): string => {
  const model = onnx.ModelProto.decode(bytes);
  const graph = onnx.GraphProto.create(model.graph ?? {});
  const opset = model.opsetImport.map((entry) => String(entry.version)).join(', ');
  const lines = [
    `# ONNX model "${graph.name}": IR version ${String(model.irVersion)}, opset ${opset}, float64 scalars`,
    `# inputs:  ${graph.input.map((input) => input.name).join(', ')}`,
    `# outputs: ${graph.output.map((output) => output.name).join(', ')}`,
    ...graph.initializer.map(
      (tensor) => `${tensor.name ?? ''} = ${String(tensor.doubleData?.[0])}  # initializer`,
    ),
  ];
  for (const node of graph.node) {
    const value =
      node.opType === 'Constant'
        ? String(node.attribute?.[0]?.t?.doubleData?.[0])
        : (node.input ?? []).join(', ');
    lines.push(`${(node.output ?? []).join(', ')} = ${node.opType ?? ''}(${value})`);
  }
  return `${lines.join('\n')}\n`;
};
