import { describe, expect, it } from 'vitest';
import { evaluate, nodeId, validateGraph } from '@chainrule/graph-runtime';
import type { GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { expressionToGraph } from './expressionToGraph';
import type { ExpressionGraph } from './expressionToGraph';
import { expressionFunctions } from './vocabulary';

const parse = (source: string): ExpressionGraph => {
  const result = expressionToGraph(source, { registry: standardRegistry });
  if (!result.ok)
    throw new Error(`${result.error.line}:${result.error.column} ${result.error.message}`);
  return result.value;
};

const errorOf = (source: string) => {
  const result = expressionToGraph(source, { registry: standardRegistry });
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(source)}`);
  return result.error;
};

/** The value the engine computes for the suggested output. */
const valueOf = (source: string, id?: string): number => {
  const { graph, output } = parse(source);
  const target = id === undefined ? output! : nodeId(id);
  const state = evaluate(standardRegistry, graph).nodes.get(target)!.value;
  if (state.kind !== 'ok') throw new Error(`${target} is ${state.kind}: ${state.message}`);
  return state.value;
};

const opOf = (graph: GraphSpec, id: NodeId | string) =>
  graph.nodes.find((node) => node.id === id)?.op;

describe('expressionToGraph: the seed', () => {
  it('builds J = 3*(a + b*c) with a=5, b=3, c=2 into a valid graph whose J reads 33', () => {
    const source = 'J = 3*(a + b*c)\na = 5\nb = 3\nc = 2';
    const { graph, output, inputs } = parse(source);
    expect(validateGraph(graph, standardRegistry)).toEqual([]);
    expect(output).toBe('J');
    expect(inputs).toEqual(['a', 'b', 'c']);
    expect(valueOf(source)).toBe(33);
    const snapshot = evaluate(standardRegistry, graph);
    const grads = inputs.map((id) => snapshot.nodes.get(id)!.grad);
    expect(grads).toEqual([3, 6, 9].map((value) => ({ kind: 'ok', value })));
  });

  it('keeps named intermediate values as node ids and labels (u = b*c, v = a + u, J = 3*v)', () => {
    const { graph, output, names } = parse('u = b*c\nv = a + u\nJ = 3*v\na = 5\nb = 3\nc = 2');
    expect(output).toBe('J');
    expect(opOf(graph, 'u')).toBe('mul');
    expect(opOf(graph, 'v')).toBe('add');
    expect(graph.nodes.find((node) => node.id === 'u')?.label).toBe('u');
    expect([...names.keys()].sort()).toEqual(['J', 'a', 'b', 'c', 'u', 'v']);
    const snapshot = evaluate(standardRegistry, graph);
    expect(snapshot.nodes.get(nodeId('u'))!.value).toEqual({ kind: 'ok', value: 6 });
    expect(snapshot.nodes.get(nodeId('v'))!.value).toEqual({ kind: 'ok', value: 11 });
    expect(snapshot.nodes.get(nodeId('J'))!.value).toEqual({ kind: 'ok', value: 33 });
  });

  it('accepts lines in any order and wires edges to the right ports', () => {
    const { graph } = parse('J = 3*v\nv = a + u\nu = b*c');
    const into = (target: string) =>
      graph.edges
        .filter((edge) => edge.target === target)
        .map((edge) => `${edge.targetPort}<-${edge.source}`)
        .sort();
    expect(into('u')).toEqual(['a<-b', 'b<-c']);
    expect(into('v')).toEqual(['a<-a', 'b<-u']);
    // Topological node order: every edge points forward in the node list.
    const position = new Map(graph.nodes.map((node, index) => [node.id, index]));
    for (const edge of graph.edges) {
      expect(position.get(edge.source)!).toBeLessThan(position.get(edge.target)!);
    }
  });

  it('names an unnamed expression J, and picks the last unused name otherwise', () => {
    expect(parse('3*(a + b*c)').output).toBe('J');
    expect(parse('J = 1\n2*J').output).toBe('out');
    expect(parse('u = a*2\nw = u + 1\nz = u - 1').output).toBe('z');
    expect(parse('w = u + 1\nu = a*2').output).toBe('w');
    expect(parse('a = 5').output).toBeNull();
  });

  it('gives unassigned inputs the default value and assigned ones theirs, signs included', () => {
    const { graph } = parse('J = a + b + c\nb = -2.5\nc = +1e-3');
    const values = Object.fromEntries(graph.nodes.map((node) => [node.id, node.params?.['value']]));
    expect(values['a']).toBe(0);
    expect(values['b']).toBe(-2.5);
    expect(values['c']).toBe(0.001);
    expect(opOf(graph, 'b')).toBe('input');
  });

  it('treats `u = v` as another name for v', () => {
    const { names } = parse('J = u * 2\nu = v\nv = a + 1');
    expect(names.get('u')).toBe(names.get('v'));
  });
});

describe('expressionToGraph: precedence and associativity', () => {
  const cases: [string, number][] = [
    ['1 + 2*3', 7],
    ['(1 + 2)*3', 9],
    ['10 - 4 - 3', 3], // left-associative
    ['64 / 8 / 2', 4], // left-associative
    ['2^3^2', 512], // right-associative: 2^(3^2)
    ['(2^3)^2', 64],
    ['2**3**2', 512],
    ['-2^2', -4], // unary minus binds looser than ^
    ['(-2)^2', 4],
    ['2^-1', 0.5],
    ['-3*2', -6],
    ['--3', 3],
    ['+3 - -2', 5],
    ['2*-3', -6],
    ['1 - 2 + 3', 2],
    ['2*3^2', 18],
    ['-2^-2', -0.25],
    ['3 · 2 × 4 ÷ 8 − 1', 2],
    ['.5 + 1.25e1', 13],
    ['2*pi', 2 * Math.PI],
    ['e^2', Math.exp(2)],
  ];
  it.each(cases)('%s = %d', (source, expected) => {
    expect(valueOf(source)).toBeCloseTo(expected, 12);
  });

  it('builds unary minus as a neg node and -2^2 as neg(square(2))', () => {
    const { graph, output } = parse('-2^2');
    expect(opOf(graph, output!)).toBe('neg');
    const inner = graph.edges.find((edge) => edge.target === output)!.source;
    expect(opOf(graph, inner)).toBe('square');
  });

  it('writes a literal ^2 as one square node (no const 2 with a meaningless gradient)', () => {
    const { graph } = parse('J = (a + b)^2');
    expect(graph.nodes.map((node) => node.op).sort()).toEqual(['add', 'input', 'input', 'square']);
    expect(valueOf('J = (a + b)^2\na = 2\nb = 3')).toBe(25);
    // Any other exponent stays a power of a const, and a name stays a trainable input.
    expect(
      parse('J = a^3')
        .graph.nodes.map((node) => node.op)
        .sort(),
    ).toEqual(['const', 'input', 'pow']);
    expect(parse('J = a^k').graph.nodes.filter((node) => node.op === 'input')).toHaveLength(2);
    expect(
      parse('J = 2^a')
        .graph.nodes.map((node) => node.op)
        .sort(),
    ).toEqual(['const', 'input', 'pow']);
  });

  it('labels unnamed intermediates u, v, w in the order they are computed', () => {
    const { graph } = parse('J = 3*(a + b*c)');
    const labelOf = (op: string) =>
      graph.nodes.find((node) => node.op === op && node.id !== 'J')?.label;
    expect(labelOf('add')).toBe('v');
    expect(graph.nodes.find((node) => node.op === 'mul' && node.id !== 'J')?.label).toBe('u');
    // A name the expression already uses is skipped.
    const named = parse('u = a*b\nJ = (u + a)*b').graph;
    expect(named.nodes.find((node) => node.op === 'add')?.label).toBe('v');
  });

  it('makes pi and e consts (never inputs) and every number a const', () => {
    const { graph, inputs } = parse('J = pi*e*2');
    expect(inputs).toEqual([]);
    expect(graph.nodes.filter((node) => node.op === 'const')).toHaveLength(3);
  });
});

describe('expressionToGraph: every function', () => {
  const x = 0.7;
  const y = -1.3;
  const expected: Record<string, number> = {
    exp: Math.exp(x),
    log: Math.log(x),
    sqrt: Math.sqrt(x),
    abs: Math.abs(y),
    sin: Math.sin(x),
    cos: Math.cos(x),
    tanh: Math.tanh(x),
    sigmoid: 1 / (1 + Math.exp(-x)),
    relu: x,
    square: x * x,
    neg: -x,
    max: Math.max(x, y),
    min: Math.min(x, y),
    pow: Math.pow(x, 2.5),
  };
  it('covers the whole vocabulary', () => {
    expect(Object.keys(expected).sort()).toEqual([...expressionFunctions.keys()].sort());
  });
  it.each([...expressionFunctions.values()])('$name becomes a $op node', (fn) => {
    const args =
      fn.ports.length === 2
        ? fn.name === 'pow'
          ? 'x, 2.5'
          : 'x, y'
        : fn.name === 'abs'
          ? 'y'
          : 'x';
    const source = `J = ${fn.name}(${args})\nx = ${x}\ny = ${y}`;
    const { graph, output } = parse(source);
    expect(opOf(graph, output!)).toBe(fn.op);
    expect(valueOf(source)).toBeCloseTo(expected[fn.name]!, 12);
  });
  it('nests calls and expressions as arguments', () => {
    expect(valueOf('max(1 + 2, min(10, 2*4)) + relu(-5)')).toBe(8);
  });
});

describe('expressionToGraph: errors point at the exact line and column', () => {
  it.each([
    ['J = 3*(a + b*c', 1, 7, /never closed/],
    ['J = 3*a + b*c)', 1, 14, /no matching '\('/],
    ['J = 3*', 1, 7, /ends where a value was expected/],
    ['J = 3 * * a', 1, 9, /Expected a value between '\*' and '\*'/],
    ['J = 2a', 1, 6, /Missing an operator between the number 2 and the name a.*2\*a/],
    ['u = b*c\nv = a + $u', 2, 9, /character '\$'/],
    ['u = b*c\nJ = sigmod(u)', 2, 5, /Unknown function "sigmod". Did you mean sigmoid\?/],
    ['J = foo(x)', 1, 5, /Unknown function "foo"/],
    ['J = exp + 1', 1, 5, /exp is a function.*exp\(x\)/],
    ['J = pi(2)', 1, 5, /pi is a constant/],
    ['J = max(a)', 1, 5, /max takes 2 arguments.*got 1/],
    ['J = sin(a, b)', 1, 10, /sin takes 1 argument/],
    ['J = exp()', 1, 5, /exp needs 1 argument/],
    ['J = ()', 1, 6, /Empty parentheses/],
    ['J = a, b', 1, 6, /comma separates a function's arguments/],
    ['J = a = b', 1, 7, /'=' can only follow a name/],
    ['J =', 1, 4, /Nothing after '='/],
    ['a = 1\nb = 2\na = 3', 3, 1, /a is already set on line 1/],
    ['\n  exp = 2', 2, 3, /exp is a function name/],
    ['e = 2', 1, 1, /e is the constant/],
    ['x + 1\ny + 2', 2, 1, /Only one line can be an unnamed expression/],
    ['J = 1.2.3', 1, 5, /second decimal point/],
    ['', 1, 1, /Type an expression/],
    ['# only a comment', 1, 1, /Type an expression/],
  ])('%j → line %d, column %d', (source, line, column, message) => {
    const error = errorOf(source);
    expect(error.message).toMatch(message);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('reports a name defined in terms of itself, through other lines, at its assignment', () => {
    const direct = errorOf('J = 2*x\n  x = x + 1');
    expect([direct.line, direct.column]).toEqual([2, 3]);
    expect(direct.message).toBe('x is defined in terms of itself: x → x.');
    const indirect = errorOf('u = v*2\nv = w + 1\nw = exp(u)');
    expect(indirect.message).toMatch(
      /defined in terms of itself: (u → v → w → u|v → w → u → v|w → u → v → w)/,
    );
    const alias = errorOf('u = v\nv = u');
    expect(alias.message).toMatch(/u is defined in terms of itself: u → v → u/);
  });

  it('rejects functions the given registry does not have', () => {
    const registry = {
      get: (id: string) => (id === 'exp' ? undefined : standardRegistry.get(id)),
      list: () => standardRegistry.list().filter((op) => op.id !== 'exp'),
    };
    const result = expressionToGraph('J = exp(a)', { registry });
    expect(result.ok).toBe(false);
  });
});

describe('expressionToGraph: scale', () => {
  it('parses 100,000 nested parentheses without growing the call stack', () => {
    const depth = 100_000;
    const source = `J = ${'('.repeat(depth)}a${' + 1)'.repeat(depth)}\na = 1`;
    const { graph } = parse(source);
    expect(graph.nodes.filter((node) => node.op === 'add')).toHaveLength(depth);
    expect(graph.nodes[graph.nodes.length - 1]!.id).toBe('J');
  }, 60_000);

  it('lays generated graphs out left to right: every edge goes rightwards', () => {
    const { graph, positions } = parse('u = b*c\nv = a + u\nJ = 3*v');
    for (const edge of graph.edges) {
      expect(positions.get(edge.source)!.x).toBeLessThan(positions.get(edge.target)!.x);
    }
    expect(positions.size).toBe(graph.nodes.length);
  });
});
