import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.js fire: each case lints one small virtual file at a
 * real path (nothing is written) and expects `no-restricted-imports` to report it; the allowed
 * imports beside it must pass.
 */
const eslint = new ESLint({ cwd: import.meta.dirname });

const restrictedMessages = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
};

const refused: [string, string, RegExp][] = [
  [
    'apps/desktop/src/main/boundaryProbe.ts',
    "import { examples } from '../renderer/examples';",
    /main, preload and shared never import the renderer/,
  ],
  [
    'apps/desktop/src/preload/boundaryProbe.ts',
    "import { App } from '../renderer/App';",
    /never import the renderer/,
  ],
  [
    'apps/desktop/src/shared/boundaryProbe.ts',
    "import type { EditorDocument } from '../renderer/document/editorDocument';",
    /never import the renderer/,
  ],
  [
    'apps/desktop/src/renderer/document/boundaryProbe.ts',
    "import { EXAMPLES } from '../../main/examples';",
    /renderer never imports the main process/,
  ],
  [
    'apps/desktop/src/renderer/boundaryProbe.ts',
    "import { readFile } from 'node:fs/promises';",
    /talks to main only through/,
  ],
  [
    'packages/graph-runtime/src/graph/boundaryProbe.ts',
    "import { standardRegistry } from '@chainrule/nodes';",
    /never imports nodes/,
  ],
  [
    'packages/graph-runtime/src/graph/boundaryProbe.ts',
    "import { examples } from '@chainrule/learn';",
    /graph-runtime may import only rxjs/,
  ],
  [
    'packages/nodes/src/boundaryProbe.ts',
    "import { examples } from '@chainrule/learn';",
    /nodes may import only @chainrule\/graph-runtime/,
  ],
  [
    'packages/nodes/src/boundaryProbe.ts',
    "import { readFileSync } from 'node:fs';",
    /nodes may import only/,
  ],
  [
    'packages/learn/src/boundaryProbe.ts',
    "import { writeFile } from 'node:fs/promises';",
    /learn may import only @chainrule\/graph-runtime, @chainrule\/nodes/,
  ],
  [
    'packages/learn/src/boundaryProbe.ts',
    "import { useState } from 'react';",
    /learn may import only/,
  ],
  [
    'packages/learn/src/boundaryProbe.ts',
    "import { run } from '@chainrule/cli';",
    /learn may import only/,
  ],
  ['packages/cli/src/boundaryProbe.ts', "import { app } from 'electron';", /cli may import only/],
  [
    'packages/cli/src/boundaryProbe.ts',
    "import { examples } from '../../../apps/desktop/src/renderer/examples';",
    /cli never reaches outside its own folder/,
  ],
];

const allowed: [string, string][] = [
  ['apps/desktop/src/main/boundaryProbe.ts', "import { isTrustedSender } from '../shared/ipc';"],
  [
    'apps/desktop/src/renderer/boundaryProbe.ts',
    "import { checkGradients } from '@chainrule/learn';\nimport { useState } from 'react';",
  ],
  ['packages/graph-runtime/src/graph/boundaryProbe.ts', "import { Subject } from 'rxjs';"],
  ['packages/nodes/src/boundaryProbe.ts', "import { nodeId } from '@chainrule/graph-runtime';"],
  [
    'packages/learn/src/boundaryProbe.ts',
    "import { standardRegistry } from '@chainrule/nodes';\nimport { gradcheck } from '../x';",
  ],
  [
    'packages/cli/src/boundaryProbe.ts',
    "import { readFile } from 'node:fs/promises';\nimport { examples } from '@chainrule/learn';",
  ],
  ['packages/learn/src/boundaryProbe.test.ts', "import { readFileSync } from 'node:fs';"],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(refused)(
    '%s: refuses %s',
    async (filePath, code, says) => {
      const messages = await restrictedMessages(filePath, code);
      expect(
        messages.filter((message) => says.test(message)),
        messages.join('\n'),
      ).toHaveLength(1);
    },
    60_000,
  );

  it.each(allowed)(
    '%s: allows %s',
    async (filePath, code) => {
      expect(await restrictedMessages(filePath, code)).toEqual([]);
    },
    60_000,
  );
});
