import { describe, expect, it } from 'vitest';
import { loadTf } from './baselines/tf';
import { chainFamily, fanOutFamily, mlpFamily, randomDagFamily } from './families';
import { evaluateTargets, renderFamily } from './report';
import { raceApart, runFamily } from './scenarios';
import { runHugeFamily } from './huge';
import type { BenchOptions } from './scenarios';

const tiny = { warmup: 0, minRuns: 2, maxRuns: 2, budgetMs: 0, slowRunMs: 5_000 };

const options = async (overrides: Partial<BenchOptions> = {}): Promise<BenchOptions> => ({
  race: tiny,
  largeRace: tiny,
  measureHeap: false,
  rxTimeBoxMs: 200,
  baselineMaxNodes: 2_000,
  baselineRaces: true,
  tf: await loadTf(),
  log: () => undefined,
  ...overrides,
});

describe('runFamily', () => {
  it('checks, races every scenario and reports engine counts equal to the cone', async () => {
    const result = runFamily(randomDagFamily(1_500), await options());
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.some((c) => c.name.includes('op evaluations = dirty cone'))).toBe(true);
    expect(result.scenarios.map((s) => s.scenario.split(' (')[0]!.split(':')[0])).toEqual([
      'build',
      'full forward + backward',
      'one input edit + emission to every node',
      'batch of 10 edits + emission',
      'local edit',
      'structural edit',
      'dispose',
    ]);
    const edit = result.scenarios.find((s) => s.scenario.startsWith('one input edit'))!;
    const engine = edit.summaries.find((s) => s.name.startsWith('engine'))!;
    expect(engine.runs).toBe(2);
    // Every node of the wide cone is recomputed, and the edited source itself.
    expect(engine.counts!.forward).toBeGreaterThan(result.wide.cone / 2);
    expect(engine.counts!.forward).toBeLessThanOrEqual(result.wide.cone + 1);
    expect(engine.counts!.emissions).toBeGreaterThan(0);
    for (const name of ['A loop', 'C signals, push', 'B RxJS']) {
      expect(edit.summaries.map((s) => s.name)).toContain(name);
    }
    expect(result.agreements.map((a) => a.name)).toContain('D vs engine after wide edit');
    expect(renderFamily(result)).toContain(
      '| one input edit + emission to every node | engine, every node subscribed |',
    );
  }, 60_000);

  it('without baseline races, only the engine and A are timed; above the size limit nothing is', async () => {
    const chain = runFamily(chainFamily(400), await options({ baselineRaces: false }));
    const names = new Set(chain.scenarios.flatMap((s) => s.summaries.map((x) => x.name)));
    expect([...names].sort()).toEqual(['A loop', 'engine', 'engine, every node subscribed']);
    const large = runFamily(
      fanOutFamily(1_500),
      await options({ baselineMaxNodes: 100, largeRace: null }),
    );
    expect(large.scenarios).toEqual([]);
    expect(large.checks.length).toBeGreaterThan(5);
    expect(large.checks.every((c) => c.ok)).toBe(true);
  }, 60_000);

  it('turns results into target verdicts: counts are met, unmeasured timings are n/a', async () => {
    const opts = await options({ baselineRaces: false, baselineMaxNodes: 20_000 });
    const results = [runFamily(mlpFamily(1, 8), opts), runFamily(chainFamily(400), opts)];
    const targets = evaluateTargets(results, 20_000);
    const byName = (start: string) => targets.find((t) => t.target.startsWith(start))!;
    expect(byName('op evaluations per edit').verdict).toBe('met');
    expect(byName('J emits once').verdict).toBe('met');
    // C was not raced, so "signals stay slower" cannot be judged.
    expect(byName('signals (C, push').verdict).toBe('n/a');
    expect(byName('retained heap').verdict).toBe('n/a');
    expect(byName('one edit').evidence).toMatch(
      /mlp-1x8 CPU \d+\.\d\d× \(wall \d+\.\d\d×\).*; chain-400 CPU \d+\.\d\d× \(wall \d+\.\d\d×\)/,
    );
    expect(byName('full forward + backward without subscribers').verdict).not.toBe('n/a');
    expect(byName('100k-node').verdict).toBe('n/a');
  }, 60_000);

  it('races baselines apart from the engine, each against its own A, with CPU time', () => {
    let calls = 0;
    let released = 0;
    const spin = (n: number) => () => {
      calls++;
      let x = 0;
      for (let i = 0; i < n; i++) x += Math.sqrt(i);
      return x > 0 ? undefined : { failure: 'never' };
    };
    const summaries = raceApart(
      [
        { name: 'A loop', run: spin(1e5) },
        { name: 'engine', run: spin(2e5) },
        { name: 'C signals, push', run: spin(4e5), release: () => released++ },
      ],
      tiny,
    );
    expect(released).toBe(1);
    expect(summaries.map((s) => s.name)).toEqual(['A loop', 'engine', 'C signals, push']);
    // A ran in the engine's race and again in C's: 2 + 2 + 2 + 2 calls.
    expect(calls).toBe(8);
    expect(summaries[1]!.against).toBeUndefined();
    const c = summaries[2]!;
    expect(c.against!.wall).toBeGreaterThan(0);
    expect(c.cpuMedian).toBeGreaterThan(0);
  });

  it('gives a huge family its build, wide edit and checks', async () => {
    const result = runHugeFamily(chainFamily(2_000), await options());
    expect(result.checks.length).toBe(3);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(result.scenarios.map((s) => s.scenario)).toEqual([
      'build',
      'full forward + backward (wide edit, no subscribers)',
    ]);
    const targets = evaluateTargets([{ ...result, nodes: 1_000_000 }], 20_000);
    expect(targets.find((t) => t.target.includes('create ≤ 2 s'))!.evidence).toMatch(
      /create .* ms/,
    );
  }, 60_000);
});
