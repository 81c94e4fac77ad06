import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgeId, nodeId, type GraphSpec } from '@chainrule/graph-runtime';
import { examplesFolder } from './__tests__/corpus';
import { runTypescriptFile, runTypescriptModules, scratchFolder } from './__tests__/runners';
import { exportGraph } from './index';
import { parseGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

const seed = (): GraphSpec => {
  const parsed = parseGraphDocument(
    readFileSync(join(examplesFolder, 'seed.graph'), 'utf8'),
    standardRegistry,
  );
  if (!parsed.ok) throw new Error('seed does not parse');
  return parsed.document.graph;
};

/** J = log(p) · q over inputs with awkward ids. */
const awkward: GraphSpec = {
  nodes: [
    { id: nodeId('__proto__'), op: 'input', params: { value: 2 } },
    { id: nodeId('lambda'), op: 'input', params: { value: 3 } },
    { id: nodeId('L'), op: 'log' },
    { id: nodeId('J'), op: 'mul' },
  ],
  edges: [
    { id: edgeId('e1'), source: nodeId('__proto__'), target: nodeId('L'), targetPort: 'x' },
    { id: edgeId('e2'), source: nodeId('L'), target: nodeId('J'), targetPort: 'a' },
    { id: edgeId('e3'), source: nodeId('lambda'), target: nodeId('J'), targetPort: 'b' },
  ],
  output: nodeId('J'),
};

const write = (folder: string, name: string, graph: GraphSpec): string => {
  const result = exportGraph(graph, { to: 'typescript' });
  if (result.kind !== 'text') throw new Error('expected text');
  const file = join(folder, name);
  writeFileSync(file, result.text);
  return file;
};

describe('the TypeScript export', () => {
  it('run directly, prints the JSON line (the seed: J = 33, 3, 6, 9)', () => {
    const file = write(scratchFolder(), 'seed.ts', seed());
    expect(runTypescriptFile(file)).toEqual({
      ok: true,
      line: { output: 33, grads: { a: 3, b: 6, c: 9 } },
    });
  }, 60_000);

  it('type-checks under strict TypeScript with no dependencies and no ambient types', () => {
    const folder = scratchFolder();
    const files = [write(folder, 'seed.ts', seed()), write(folder, 'awkward.ts', awkward)];
    // A tsconfig with `types: []`: nothing ambient (no @types/node), as in a bare project.
    const config = join(folder, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          noUnusedLocals: false,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022'],
          types: [],
          noEmit: true,
        },
        files,
      }),
    );
    const tsc = join(examplesFolder, '../node_modules/.bin/tsc');
    const result = spawnSync(tsc, ['-p', config], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('takes inputs by id (even __proto__), and throws rather than return NaN', () => {
    const folder = scratchFolder();
    const file = write(folder, 'awkward.ts', awkward);
    const driver = join(folder, 'driver.ts');
    writeFileSync(
      driver,
      [
        `import { evaluate } from ${JSON.stringify(file)};`,
        'console.log(JSON.stringify(evaluate({ ["__proto__"]: Math.E, lambda: 2 })));',
        'try { evaluate({ ["__proto__"]: -1 }); console.log("no error"); }',
        'catch (error) { console.log(String(error)); }',
      ].join('\n'),
    );
    const result = spawnSync(join(examplesFolder, '../node_modules/.bin/tsx'), [driver], {
      encoding: 'utf8',
    });
    const [first, second] = result.stdout.trim().split('\n');
    const parsed = JSON.parse(first!) as { value: number; grads: Record<string, number> };
    expect(parsed.value).toBeCloseTo(2, 12);
    expect(Object.keys(parsed.grads).sort()).toEqual(['__proto__', 'lambda']);
    expect(parsed.grads['__proto__']).toBeCloseTo(2 / Math.E, 12);
    expect(parsed.grads['lambda']).toBeCloseTo(1, 12);
    expect(second).toMatch(/RangeError: J or a gradient is not a finite number/);
    // The module-runner helper sees the same numbers as running the file.
    expect(runTypescriptModules(folder, [file])[0]).toMatchObject({ ok: true });
  }, 60_000);
});
