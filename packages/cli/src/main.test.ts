import { readFileSync } from 'node:fs';
import { createOpRegistry } from '@chainrule/graph-runtime';
import { mulOp, standardOps } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { commands } from './commands/index';
import { runCli } from './testing';

const SEED = readFileSync(new URL('../../../examples/seed.graph', import.meta.url), 'utf8');
const DOMAIN = readFileSync(
  new URL('../../../examples/domain-error.graph', import.meta.url),
  'utf8',
);

/** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
const edit = (text: string, from: string, to: string): string => {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`"${from}" is not unique`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

describe('chainrule eval', () => {
  it('prints J = 33 and the seed gradients as one JSON object', async () => {
    const { code, stdout, stderr } = await runCli(['eval', 'seed.graph', '--json'], {
      files: { 'seed.graph': SEED },
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(result.output).toBe('J');
    expect(result.nodes.J).toEqual({ value: 33, grad: 1 });
    expect(result.nodes.a).toEqual({ value: 5, grad: 3 });
    expect(result.nodes.b).toEqual({ value: 3, grad: 6 });
    expect(result.nodes.c).toEqual({ value: 2, grad: 9 });
    // Edge b → u carries ∂u/∂b = c = 2 and its share of dJ/db = 3 · 2 = 6.
    expect(result.edges['b-u']).toEqual({ local: 2, grad: 6 });
  });

  it('--set a=1 changes J to 21 with the same gradients, without touching the file', async () => {
    const files = { 'seed.graph': SEED };
    const { code, stdout } = await runCli(['eval', 'seed.graph', '--json', '--set', 'a=1'], {
      files,
    });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.nodes.J.value).toBe(21);
    expect([result.nodes.a.grad, result.nodes.b.grad, result.nodes.c.grad]).toEqual([3, 6, 9]);
    const again = JSON.parse(
      (await runCli(['eval', 'seed.graph', '--json', '--set=b=-2', '--set', 'c=0.5'], { files }))
        .stdout,
    );
    expect(again.nodes.J.value).toBe(3 * (5 + -2 * 0.5));
    expect(again.nodes.b.grad).toBe(3 * 0.5);
  });

  it('--output chooses another J; without an output there are no grads', async () => {
    const files = { 'seed.graph': SEED, 'none.graph': edit(SEED, '"output": "J",', '') };
    const byV = JSON.parse(
      (await runCli(['eval', 'seed.graph', '--json', '--output', 'v'], { files })).stdout,
    );
    expect(byV.output).toBe('v');
    expect(byV.nodes.b.grad).toBe(2);
    const none = await runCli(['eval', 'none.graph', '--json'], { files });
    expect(none.code).toBe(0);
    const result = JSON.parse(none.stdout);
    expect(result.output).toBeNull();
    expect(result.nodes.a).toEqual({ value: 5 });
    expect(result.edges['b-u']).toEqual({ local: 2 });
  });

  it('prints a readable table by default', async () => {
    const { code, stdout } = await runCli(['eval', 'seed.graph'], {
      files: { 'seed.graph': SEED },
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('seed.graph: J = 33');
    expect(lines[2]).toMatch(/^node\s+op\s+value\s+dJ\/dnode\s+note$/);
    expect(lines).toContainEqual(expect.stringMatching(/^c\s+input\s+2\s+9$/));
    expect(lines).toContainEqual(expect.stringMatching(/^b-u\s+b → u\.a\s+2\s+6$/));
  });

  it('exits 1 when a node is in error, giving its message instead of a value', async () => {
    const { code, stdout } = await runCli(['eval', 'd.graph', '--json'], {
      files: { 'd.graph': DOMAIN },
    });
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.nodes.ln).toEqual({ error: 'log needs x > 0, got -3' });
    expect(Object.keys(result.nodes.y)).toEqual(['error']);
    expect(result.nodes.d).toMatchObject({ value: -3 });
    const fixed = await runCli(['eval', 'd.graph', '--json', '--set', 'x=6'], {
      files: { 'd.graph': DOMAIN },
    });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).nodes.y.value).toBe(0);
  });

  it('keeps ids such as __proto__ as plain keys of the JSON output', async () => {
    const text = `{"format": "chainrule.graph", "version": 1, "output": "constructor", "nodes": [
      {"id": "__proto__", "op": "input", "params": {"value": 2}},
      {"id": "constructor", "op": "neg"}],
      "edges": [{"id": "__proto__", "source": "__proto__", "target": "constructor", "targetPort": "x"}]}`;
    const { code, stdout } = await runCli(['eval', 'p.graph', '--json'], {
      files: { 'p.graph': text },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('"__proto__": {\n      "value": 2,\n      "grad": -1\n    }');
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed.nodes)).toEqual(['__proto__', 'constructor']);
  });

  it('prints ids with control characters escaped in the table', async () => {
    const text = `{"format": "chainrule.graph", "version": 1, "nodes": [
      {"id": "\\u001b[2Jboom<script>", "op": "input", "params": {"value": 1}}], "edges": []}`;
    const { stdout } = await runCli(['eval', 'x.graph'], { files: { 'x.graph': text } });
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('\\u{1b}[2Jboom<script>');
  });
});

describe('chainrule check', () => {
  it('prints ok with counts for each valid file', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'seed.graph', 'd.graph'], {
      files: { 'seed.graph': SEED, 'd.graph': DOMAIN },
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      'seed.graph: ok (7 nodes, 6 edges, output "J")\nd.graph: ok (6 nodes, 5 edges, output "y")\n',
    );
  });

  it('checks every file, reporting each broken one, and exits 2', async () => {
    const broken = edit(SEED, '"op": "add"', '"op": "plus"');
    const { code, stdout, stderr } = await runCli(
      ['check', 'bad.graph', 'seed.graph', 'gone.graph'],
      {
        files: { 'bad.graph': broken, 'seed.graph': SEED },
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('seed.graph: ok (7 nodes, 6 edges, output "J")\n');
    expect(stderr).toContain(
      `chainrule: bad.graph: ${where(broken, '"plus"', 'nodes[4].op')}: node "v" uses an unknown op "plus"`,
    );
    expect(stderr).toContain('chainrule: gone.graph: no such file\n');
  });

  it('prints warnings with their location but still passes', async () => {
    const text = edit(SEED, '"version": 1,', '"version": 1, "colour": "red",');
    const { code, stderr } = await runCli(['check', 'w.graph'], { files: { 'w.graph': text } });
    expect(code).toBe(0);
    expect(stderr).toBe(
      'chainrule: w.graph: colour (line 3, column 27): warning: unknown field "colour" is ignored and will not be saved\n',
    );
  });
});

/**
 * `path (line L, column C)` where the value `needle` starts in `text`, found independently of the
 * loader (by plain text search), or just `line L, column C` for syntax errors (empty path).
 */
const where = (text: string, needle: string, path = ''): string => {
  const at = text.indexOf(needle);
  if (at === -1 || text.indexOf(needle, at + 1) !== -1)
    throw new Error(`"${needle}" is not unique`);
  const before = text.slice(0, at).split('\n');
  const position = `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
  return path === '' ? position : `${path} (${position})`;
};

/** Builds a case: edits the seed once and points at where the edit landed. */
const seedCase = (
  name: string,
  from: string,
  to: string,
  needle: string,
  path: string,
  says: string,
) => {
  const text = edit(SEED, from, to);
  return { name, text, location: where(text, needle, path), says };
};

/** Every broken-file case of the format: the command must exit 2 and name the location. */
const brokenFiles: { name: string; text: string; location: string; says: string }[] = [
  { name: 'not JSON', text: 'not json', location: 'line 1, column 1', says: 'unexpected "n"' },
  // Cut inside the string "J = 3(a + bc)...": the error points at where that string opens.
  {
    name: 'truncated',
    text: SEED.slice(0, 200),
    location: where(SEED.slice(0, 200), '"J = 3'),
    says: 'the file ends inside a string',
  },
  { name: 'empty', text: '', location: 'line 1, column 1', says: 'the file is empty' },
  {
    name: 'not an object',
    text: '42',
    location: 'line 1, column 1',
    says: 'contains the number 42',
  },
  seedCase(
    'wrong format',
    '"chainrule.graph"',
    '"other"',
    '"other"',
    'format',
    '"format" must be "chainrule.graph"',
  ),
  seedCase(
    'future version',
    '"version": 1',
    '"version": 37',
    '37,',
    'version',
    'format version 37, but this build of Chainrule reads versions up to 2',
  ),
  seedCase('missing field', '"op": "add", ', '', '{ "id": "v"', 'nodes[4].op', '"op" is missing'),
  seedCase(
    'wrong type',
    '"value": 5',
    '"value": true',
    'true',
    'nodes[0].params.value',
    'must be a number, got true',
  ),
  seedCase(
    'duplicate id',
    '"id": "v"',
    '"id": "u"',
    '"u", "op": "add"',
    'nodes[4].id',
    'already used by nodes[3]',
  ),
  seedCase('unknown op', '"op": "add"', '"op": "ad"', '"ad"', 'nodes[4].op', 'did you mean "add"?'),
  seedCase(
    'unknown port',
    '"target": "v", "targetPort": "b"',
    '"target": "v", "targetPort": "c"',
    '"c" }',
    'edges[3].targetPort',
    'its ports are "a", "b"',
  ),
  seedCase(
    'edge to a missing node',
    '"source": "c"',
    '"source": "d"',
    '"d"',
    'edges[1].source',
    'node "d" that does not exist',
  ),
  seedCase(
    'two edges into one port',
    '"target": "u", "targetPort": "b"',
    '"target": "u", "targetPort": "a" ',
    '"a"  }',
    'edges[1].targetPort',
    'is already connected (edge "b-u")',
  ),
  // Which edge closes the cycle is the engine's choice; the document tests pin the mapping.
  {
    name: 'cycle',
    text: edit(SEED, '"id": "b-u", "source": "b"', '"id": "b-u", "source": "J"'),
    location: 'edges[',
    says: 'the graph has a cycle: "',
  },
  seedCase(
    'non-finite number',
    '"value": 5',
    '"value": -1e999',
    '-1e999',
    '',
    'numbers must be finite',
  ),
  {
    name: 'deeply nested',
    text: '['.repeat(50_000),
    location: 'line 1, column 65',
    says: 'nested more than 64 levels',
  },
];

describe('every broken file: exit 2, the location and a sentence on stderr', () => {
  it.each(brokenFiles)(
    '$name',
    async ({ text, location, says }) => {
      for (const command of ['eval', 'check', 'gradcheck']) {
        const { code, stdout, stderr } = await runCli([command, 'bad.graph'], {
          files: { 'bad.graph': text },
        });
        expect(code).toBe(2);
        expect(stdout).toBe('');
        const first = stderr.split('\n')[0]!;
        expect(first.startsWith(`chainrule: bad.graph: ${location}`), first).toBe(true);
        expect(stderr).toContain(says);
        expect(stderr).not.toMatch(/\n\s+at /);
      }
    },
    60_000,
  );
});

describe('chainrule gradcheck', () => {
  it('agrees on the seed and prints the worst relative error', async () => {
    const { code, stdout } = await runCli(['gradcheck', 'seed.graph'], {
      files: { 'seed.graph': SEED },
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ok: 7 gradients agree with central differences \(worst relative error \d\.\d\de-\d+ at \w+\)$/m,
    );
    expect(stdout).toMatch(/^b\s+6\s+6\s+\S+\s+ok$/m);
    expect(stdout).toMatch(/^u\s+3\s+3\s+\S+\s+ok$/m);
    const sources = await runCli(['gradcheck', 'seed.graph', '--sources-only'], {
      files: { 'seed.graph': SEED },
    });
    expect(sources.stdout).toMatch(/^ok: 4 gradients agree with central differences/m);
    expect(sources.stdout).not.toMatch(/^u\s/m);
  });

  it('skips, with its reason, a node whose step overflows the largest double (was "internal error", exit 2)', async () => {
    // J = tanh(a) + b with a at the largest double: tanh(a) = 1, but a ± h overflows.
    const huge = JSON.stringify({
      format: 'chainrule.graph',
      version: 1,
      output: 'J',
      nodes: [
        { id: 'a', op: 'input', params: { value: Number.MAX_VALUE } },
        { id: 'b', op: 'input', params: { value: 2 } },
        { id: 't', op: 'tanh' },
        { id: 'J', op: 'add' },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 't', targetPort: 'x' },
        { id: 'e2', source: 't', target: 'J', targetPort: 'a' },
        { id: 'e3', source: 'b', target: 'J', targetPort: 'b' },
      ],
    });
    const { code, stdout, stderr } = await runCli(['gradcheck', 'huge.graph'], {
      files: { 'huge.graph': huge },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^a\s+—\s+—\s+—\s+skipped: a step of ±1\.80e\+303 from 1\.80e\+308 overflows/m,
    );
    expect(stdout).toMatch(/^ok: 3 gradients agree .*; 1 skipped\)$/m);
    const json = JSON.parse(
      (await runCli(['gradcheck', 'huge.graph', '--json'], { files: { 'huge.graph': huge } }))
        .stdout,
    );
    expect(json.nodes.a).toEqual({ skipped: true, reason: expect.stringMatching(/overflows/) });
    expect(json.nodes.b.ok).toBe(true);
  });

  it('exits 1 when an op has a wrong derivative', async () => {
    // A registry whose mul claims ∂(a·b)/∂a = 2b: the seed's dJ/db doubles.
    const wrongMul = {
      ...mulOp,
      derivatives: [
        { ...mulOp.derivatives[0]!, fn: (_a: number, b: number) => 2 * b },
        mulOp.derivatives[1]!,
      ],
    };
    const registry = createOpRegistry(standardOps.map((op) => (op.id === 'mul' ? wrongMul : op)));
    const { code, stdout } = await runCli(['gradcheck', 'seed.graph', '--json'], {
      files: { 'seed.graph': SEED },
      registry,
    });
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.ok).toBe(false);
    expect(result.nodes.b.ok).toBe(false);
    expect(result.nodes.b.analytic).toBe(12);
    expect(result.nodes.b.numeric).toBeCloseTo(6, 6);
  });

  it('takes --eps and --tolerance, and refuses bad values', async () => {
    const files = { 'seed.graph': SEED };
    const result = JSON.parse(
      (
        await runCli(['gradcheck', 'seed.graph', '--json', '--eps', '1e-3', '--tolerance=1e-6'], {
          files,
        })
      ).stdout,
    );
    expect([result.eps, result.tolerance]).toEqual([1e-3, 1e-6]);
    const bad = await runCli(['gradcheck', 'seed.graph', '--eps', '-1'], { files });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'chainrule: gradcheck: --eps must be greater than 0, got -1 (see "chainrule gradcheck --help")\n',
    );
  });

  it('needs an output, and reports an output in error with exit 1', async () => {
    const files = { 'none.graph': edit(SEED, '"output": "J",', ''), 'd.graph': DOMAIN };
    const none = await runCli(['gradcheck', 'none.graph'], { files });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^chainrule: none\.graph: output: the graph has no output J/);
    const domain = await runCli(['gradcheck', 'd.graph'], { files });
    expect(domain.code).toBe(1);
    expect(domain.stderr).toContain('chainrule: d.graph: output: "y" has no value');
  });
});

describe('misuse: exit 2 with a pointer to --help', () => {
  it.each([
    [[], 'usage: chainrule COMMAND'],
    [['frobnicate'], 'chainrule: unknown command "frobnicate" (commands: eval, check, gradcheck'],
    [['eval'], 'chainrule: eval: missing FILE; usage: chainrule eval FILE'],
    [['eval', 'a.graph', 'b.graph'], 'chainrule: eval: too many arguments'],
    [
      ['eval', 'seed.graph', '--frob'],
      'chainrule: eval: unknown option --frob (see "chainrule eval --help")',
    ],
    [['eval', 'seed.graph', '-x'], 'chainrule: eval: unknown option "-x"'],
    [['eval', 'seed.graph', '--set'], 'chainrule: eval: --set needs a value (ID=NUMBER)'],
    [['eval', 'seed.graph', '--set', 'a'], 'chainrule: eval: --set expects ID=NUMBER, got "a"'],
    [
      ['eval', 'seed.graph', '--set', 'a=NaN'],
      'chainrule: eval: --set a needs a finite number, got "NaN"',
    ],
    [['eval', 'seed.graph', '--set', 'a=0x10'], 'needs a finite number, got "0x10"'],
    [['eval', 'seed.graph', '--json=yes'], 'chainrule: eval: --json takes no value'],
    [['eval', 'seed.graph', '--output', 'J', '--output', 'v'], '--output can be given only once'],
    [['check'], 'chainrule: check: missing FILE'],
    [['help', 'nope'], 'unknown command "nope"'],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv, { files: { 'seed.graph': SEED } });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it.each([
    [['--set', 'q=1'], 'chainrule: seed.graph: --set: no node has the id "q"'],
    [
      ['--set', 'u=1'],
      'chainrule: seed.graph: --set: node "u" is a mul node; only input and const nodes have a value to set',
    ],
    [['--output', 'zz'], 'chainrule: seed.graph: --output: no node has the id "zz"'],
  ])('eval seed.graph %j names the id the file lacks', async (extra, message) => {
    const { code, stderr } = await runCli(['eval', 'seed.graph', ...extra], {
      files: { 'seed.graph': SEED },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\n`);
  });

  it('treats arguments after -- as files', async () => {
    const { code, stdout } = await runCli(['check', '--', '--json'], { files: { '--json': SEED } });
    expect(code).toBe(0);
    expect(stdout).toContain('--json: ok');
  });
});

describe('--help', () => {
  it.each(commands.map((command) => command.name))(
    'chainrule %s --help describes every option',
    async (name) => {
      const command = commands.find((candidate) => candidate.name === name)!;
      for (const argv of [
        [name, '--help'],
        [name, 'file.graph', '-h'],
        ['help', name],
      ]) {
        const { code, stdout, stderr } = await runCli(argv);
        expect(code).toBe(0);
        expect(stderr).toBe('');
        expect(stdout.startsWith(`usage: ${command.usage}\n`)).toBe(true);
        for (const option of command.options) expect(stdout).toContain(`--${option.name}`);
        expect(stdout).toContain('Exit status');
      }
    },
  );

  it('chainrule --help lists every command', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of commands)
      expect(stdout).toMatch(new RegExp(`^  ${command.name}\\s+${command.summary}$`, 'm'));
  });
});

describe('robustness', () => {
  it('reports a failure inside a command as one line, never a stack trace', async () => {
    const registry = {
      get: () => {
        throw new Error('registry exploded');
      },
      list: () => [],
    };
    const { code, stderr } = await runCli(['eval', 'seed.graph'], {
      files: { 'seed.graph': SEED },
      registry,
    });
    expect(code).toBe(2);
    expect(stderr).toBe('chainrule: eval: internal error: registry exploded\n');
  });

  it('reports progress on stderr once a file takes longer than a second, keeping stdout pure JSON', async () => {
    let clock = 0;
    const slow = (): number => (clock += 1100);
    const { code, stdout, stderr } = await runCli(['eval', 'seed.graph', '--json'], {
      files: { 'seed.graph': SEED },
      now: slow,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).nodes.J.value).toBe(33);
    expect(stderr).toMatch(/^chainrule: seed\.graph: parsing 0\.0 MiB\.\.\. \(1\.1 s\)$/m);
    expect(stderr).toMatch(/^chainrule: seed\.graph: evaluating 7 nodes\.\.\. \(\d+\.\d s\)$/m);
    expect(stderr).toMatch(/^chainrule: seed\.graph: done in \d+\.\d s$/m);
    const fast = await runCli(['eval', 'seed.graph', '--json'], { files: { 'seed.graph': SEED } });
    expect(fast.stderr).toBe('');
  });
});
