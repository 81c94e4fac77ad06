import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json';
import { migrateDocument, type DocumentMigration } from './migrate';
import { parseGraphDocument } from './parse';
import { testRegistry } from '../__tests__/testOps';

/**
 * A made-up history for the tests: version 1 called nodes' ops `kind`; version 2 renamed it to
 * `op` and called edges `links`; version 3 (the "current" one here) calls them `edges`.
 */
const history: DocumentMigration[] = [
  {
    from: 2,
    description: 'links are now called edges',
    migrate: (document) => {
      const { links, ...rest } = document;
      return { ...rest, edges: links ?? [], version: 3 } as JsonObject;
    },
  },
  {
    from: 1,
    description: 'node kind is now op',
    migrate: (document) => {
      const nodes = (document['nodes'] as JsonObject[]).map(({ kind, ...node }) => ({
        ...node,
        op: kind ?? null,
      }));
      return { ...document, nodes, version: 2 } as JsonObject;
    },
  },
];

const version1 = `{"format": "chainrule.graph", "version": 1, "output": "y",
  "nodes": [{"id": "x", "kind": "input", "params": {"value": 2}}, {"id": "y", "kind": "neg"}],
  "links": [{"source": "x", "target": "y", "targetPort": "x"}]}`;

describe('migrateDocument', () => {
  it('applies every step from the file version to the current one, in order', () => {
    const result = parseGraphDocument(version1, testRegistry, {
      migrations: history,
      currentVersion: 3,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.graph.nodes.map((node) => node.op)).toEqual(['input', 'neg']);
    expect(result.document.graph.edges).toHaveLength(1);
    const migrated = result.warnings.find((warning) => warning.code === 'migrated');
    expect(migrated?.message).toBe(
      'upgraded from format version 1 to 3 (node kind is now op; links are now called edges); saving writes version 3',
    );
    // Paths of a migrated file no longer match its text, so no line numbers are invented.
    expect(migrated?.line).toBeUndefined();
  });

  it('starts from the middle of the history for a newer file', () => {
    const version2 = version1.replace('"version": 1', '"version": 2').replace(/"kind"/g, '"op"');
    const result = parseGraphDocument(version2, testRegistry, {
      migrations: history,
      currentVersion: 3,
    });
    expect(result.ok && result.warnings[0]!.message).toContain(
      'from format version 2 to 3 (links are now called edges)',
    );
  });

  it('does not touch a current file', () => {
    const raw = { format: 'chainrule.graph', version: 2 } as JsonObject;
    const result = migrateDocument(raw);
    expect(result.ok && result.applied).toEqual([]);
    expect(result.ok && result.document).toBe(raw);
  });

  it('reads a version 1 file as version 2 with nothing else changed, and without a warning', () => {
    const raw = { format: 'chainrule.graph', version: 1, nodes: [], edges: [] } as JsonObject;
    const result = migrateDocument(raw);
    expect(result.ok && result.document).toEqual({ ...raw, version: 2 });
    expect(raw['version']).toBe(1);
    expect(result.ok && result.applied.map((step) => step.sameShape)).toEqual([true]);
    const seed = `{"format": "chainrule.graph", "version": 1, "output": "y",
  "nodes": [{"id": "x", "op": "input", "params": {"value": 2}}, {"id": "y", "op": "neg"}],
  "edges": [{"id": "e", "source": "x", "target": "y", "targetPort": "x"}]}`;
    const parsed = parseGraphDocument(seed, testRegistry);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    // The file's own paths still point into its text.
    const broken = parseGraphDocument(seed.replace('"neg"', '"nope"'), testRegistry);
    expect(broken.ok === false && broken.errors[0]).toMatchObject({ path: 'nodes[1].op', line: 2 });
  });

  it("without the history, the old file is read as today's format and refused clearly", () => {
    const result = parseGraphDocument(version1, testRegistry);
    expect(result.ok === false && result.errors.map((error) => error.path)).toEqual([
      'nodes[0].op',
      'nodes[1].op',
      'edges',
    ]);
  });

  it('refuses a newer file naming both versions, and broken histories', () => {
    const future = migrateDocument({ version: 4 } as JsonObject, {
      migrations: history,
      targetVersion: 3,
    });
    expect(future.ok === false && future.issue).toMatchObject({
      code: 'future-version',
      path: 'version',
      message: expect.stringContaining(
        'version 4, but this build of Chainrule reads versions up to 3',
      ),
    });
    const gap = migrateDocument({ version: 1 } as JsonObject, {
      migrations: history.slice(0, 1),
      targetVersion: 3,
    });
    expect(gap.ok === false && gap.issue.message).toBe(
      'this build cannot upgrade format version 1 to 2',
    );
    const buggy = migrateDocument({ version: 2 } as JsonObject, {
      migrations: [{ from: 2, description: 'forgets the version', migrate: (d) => d }],
      targetVersion: 3,
    });
    expect(buggy.ok === false && buggy.issue.message).toBe(
      'upgrading format version 2 did not produce version 3',
    );
  });
});
