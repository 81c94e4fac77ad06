import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from './parse';
import { serializeGraphDocument } from './serialize';
import { testRegistry } from '../__tests__/testOps';

/**
 * Seeded fuzzing of the loader: valid files are mutated the ways files really break (a field
 * dropped, duplicated or given another type; the text truncated or a character flipped) and the
 * loader must always answer with a document or located errors: never throw, never hang. When it
 * answers with a document, saving and loading it again must give the same text.
 */

const BASES = [
  `{
  "format": "chainrule.graph",
  "version": 1,
  "name": "Seed",
  "output": "J",
  "viewport": { "x": 0, "y": 0, "zoom": 1 },
  "nodes": [
    { "id": "a", "op": "input", "label": "a", "params": { "value": 5 }, "position": { "x": 0, "y": 0 } },
    { "id": "b", "op": "input", "params": { "value": 3 }, "position": { "x": 0, "y": 100 } },
    { "id": "c", "op": "input", "params": { "value": 2 } },
    { "id": "u", "op": "mul", "position": { "x": 200, "y": 150 } },
    { "id": "v", "op": "add" },
    { "id": "three", "op": "const", "params": { "value": 3 } },
    { "id": "J", "op": "mul", "position": { "x": 600, "y": 40 } }
  ],
  "edges": [
    { "id": "e1", "source": "b", "target": "u", "targetPort": "a" },
    { "source": "c", "target": "u", "targetPort": "b" },
    { "id": "e3", "source": "a", "target": "v", "targetPort": "a" },
    { "source": "u", "target": "v", "targetPort": "b" },
    { "id": "e5", "source": "three", "target": "J", "targetPort": "a" },
    { "id": "e6", "source": "v", "target": "J", "targetPort": "b" }
  ]
}
`,
  `\ufeff{"format":"chainrule.graph","version":1,"description":"ünïcödé ✓ <b>&</b>","nodes":[` +
    `{"id":"x\\u0000","op":"input","params":{"value":-1e-300}},{"id":"y","op":"log"},{"id":"z","op":"tanh"}],` +
    `"edges":[{"source":"x\\u0000","target":"y","targetPort":"x"},{"source":"y","target":"z","targetPort":"x"}],"output":null}`,
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every (container, key) slot of a JSON tree, found iteratively. */
const slotsOf = (root: Json): [Json[] | { [key: string]: Json }, string | number][] => {
  const slots: [Json[] | { [key: string]: Json }, string | number][] = [];
  const pending: Json[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        slots.push([value, index]);
        pending.push(item);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        slots.push([value, key]);
        pending.push(value[key]!);
      }
    }
  }
  return slots;
};

type TreeMutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'retype'; pick: number; value: Json };
type TextMutation = { kind: 'truncate'; at: number } | { kind: 'flip'; at: number; code: number };

const DUPLICATE_MARK = '\u0000duplicate';

const applyTree = (root: Json, mutation: TreeMutation): void => {
  const slots = slotsOf(root);
  if (slots.length === 0) return;
  const [container, key] = slots[mutation.pick % slots.length]!;
  if (Array.isArray(container)) {
    const index = key as number;
    if (mutation.kind === 'drop') container.splice(index, 1);
    else if (mutation.kind === 'duplicate')
      container.splice(index, 0, structuredClone(container[index]!));
    else container[index] = mutation.value;
    return;
  }
  const name = key as string;
  if (mutation.kind === 'drop') delete container[name];
  else if (mutation.kind === 'retype') container[name] = mutation.value;
  else container[`${DUPLICATE_MARK}${name}`] = structuredClone(container[name]!);
};

const applyText = (text: string, mutation: TextMutation): string => {
  if (text.length === 0) return text;
  const at = mutation.at % text.length;
  if (mutation.kind === 'truncate') return text.slice(0, at);
  return text.slice(0, at) + String.fromCharCode(mutation.code) + text.slice(at + 1);
};

/** Turns the duplicate marks left by `applyTree` into real duplicate keys in the text. */
const stringify = (root: Json, pretty: boolean): string =>
  JSON.stringify(root, null, pretty ? 2 : undefined).replace(/"\\u0000duplicate/g, '"');

const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('retype' as const),
    pick: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
);
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    code: fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xffff })),
  }),
);

const checkLoaderAnswer = (text: string): void => {
  // No speed assertion (that belongs in the benchmarks): a hang fails the test's timeout.
  const result = parseGraphDocument(text, testRegistry);
  if (result.ok) {
    const saved = serializeGraphDocument(result.document);
    const again = parseGraphDocument(saved, testRegistry);
    expect(again.ok).toBe(true);
    if (again.ok) expect(serializeGraphDocument(again.document)).toBe(saved);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.code).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(typeof error.path).toBe('string');
    if (error.line !== undefined) expect(error.line).toBeGreaterThanOrEqual(1);
  }
};

describe('loader fuzz (seeded)', () => {
  const seed = Number(process.env['FUZZ_SEED'] ?? 31_415);
  const runs = Number(process.env['FUZZ_RUNS'] ?? 1500);

  it('answers every mutated file with a document or located errors', () => {
    console.log(`loader fuzz seed: ${seed} (set FUZZ_SEED to replay, FUZZ_RUNS for more runs)`);
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: BASES.length - 1 }),
        fc.array(treeMutation, { maxLength: 3 }),
        fc.array(textMutation, { maxLength: 2 }),
        fc.boolean(),
        (base, treeMutations, textMutations, pretty) => {
          const root = JSON.parse(BASES[base]!.replace(/^\ufeff/, '')) as Json;
          for (const mutation of treeMutations) applyTree(root, mutation);
          let text = stringify(root, pretty);
          for (const mutation of textMutations) text = applyText(text, mutation);
          const result = parseGraphDocument(text, testRegistry);
          if (!result.ok) refused++;
          checkLoaderAnswer(text);
        },
      ),
      { seed, numRuns: runs },
    );
    // The mutations must actually break files, or this test proves nothing.
    expect(refused).toBeGreaterThan(runs / 4);
  }, 120_000);

  it('answers every prefix of a valid file', () => {
    for (const base of BASES) {
      for (let cut = 0; cut < base.length; cut++) checkLoaderAnswer(base.slice(0, cut));
    }
  }, 60_000);
});
