// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Test files and test helpers: they may also import test tools and Node. */
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/__tests__/**'];

/**
 * A `no-restricted-imports` pattern allowing only relative imports, the package's own name and
 * `allowed` (exact module names, or `prefix:*` / `scope/*` for a family), as the package's
 * CONTEXT.md states them.
 * @param {string} name the package's directory under packages/
 * @param {string[]} allowed
 */
const onlyImports = (name, allowed) => {
  const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [
    `${escape(`@chainrule/${name}`)}(/.*)?`,
    ...allowed.map((module) =>
      module.endsWith('*') ? `${escape(module.slice(0, -1))}.*` : escape(module),
    ),
  ];
  return [
    {
      regex: `^(?!\\.{1,2}/|(${alternatives.join('|')})$)`,
      message: `packages/${name} may import only ${allowed.join(', ')} (see packages/${name}/CONTEXT.md).`,
    },
    {
      regex: '^(\\.\\./)+(apps|packages|examples|e2e|bench)(/|$)',
      message: `packages/${name} never reaches outside its own folder by a relative path.`,
    },
  ];
};

/** graph-runtime, tests included: no ops, no UI, no Electron. */
const runtimeRestrictions = [
  {
    group: ['@chainrule/nodes', '@chainrule/nodes/*'],
    message: 'graph-runtime is op-agnostic: it never imports nodes.',
  },
  {
    group: ['react', 'react-dom', '@xyflow/*', 'electron'],
    message: 'graph-runtime never imports UI or Electron.',
  },
];

/** Main, preload and shared never import the renderer: the IPC contract lives in src/shared. */
const notRenderer = {
  regex: '^\\.{1,2}/(.*/)?renderer(/|$)',
  message: 'main, preload and shared never import the renderer; share types through src/shared.',
};

/**
 * What the renderer may not import: Node, Electron, or the main process. Exported by name so a
 * narrower block (canvas, learn) can add its own patterns to these.
 */
export const rendererRestrictions = [
  {
    group: ['electron', 'node:*', 'fs', 'path'],
    message: 'The renderer talks to main only through src/shared/ipc.ts and the DocumentHost.',
  },
  {
    regex: '^\\.{1,2}/(.*/)?(main|preload)(/|$)',
    message: 'The renderer never imports the main process or preload; use src/shared and the host.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/.turbo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The project forbids dynamic code evaluation everywhere (see DEVELOPERS notes / README).
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The engine must stay free of ops, UI and platform code (packages/graph-runtime/CONTEXT.md).
    files: ['packages/graph-runtime/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: runtimeRestrictions }],
    },
  },
  {
    files: ['packages/graph-runtime/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...runtimeRestrictions, ...onlyImports('graph-runtime', ['rxjs'])] },
      ],
    },
  },
  {
    // Each package imports only what its CONTEXT.md says it may. Tests may also use the test
    // tools and Node (reading examples/, spawning the CLI).
    files: ['packages/nodes/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: onlyImports('nodes', ['@chainrule/graph-runtime']) },
      ],
    },
  },
  {
    files: ['packages/learn/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: onlyImports('learn', [
            '@chainrule/graph-runtime',
            '@chainrule/nodes',
            'papaparse',
          ]),
        },
      ],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: onlyImports('cli', [
            '@chainrule/export',
            '@chainrule/files',
            '@chainrule/graph-runtime',
            '@chainrule/nodes',
            '@chainrule/learn',
            'node:*',
          ]),
        },
      ],
    },
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: rendererRestrictions }],
    },
  },
  {
    // Main and preload never import the renderer: what they share is the contract in src/shared.
    files: [
      'apps/desktop/src/main/**/*.ts',
      'apps/desktop/src/preload/**/*.ts',
      'apps/desktop/src/shared/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [notRenderer] }],
    },
  },
  {
    files: ['apps/desktop/src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The core canvas and inspector expose extension points (canvas/extensions.ts) that learning
  // mode plugs into from App.tsx; they never import it. (This block repeats the renderer's own
  // restriction: a later no-restricted-imports replaces an earlier one for the same files.)
  {
    files: ['apps/desktop/src/renderer/{canvas,inspector}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'fs', 'path'],
              message:
                'The renderer talks to main only through src/shared/ipc.ts and the DocumentHost.',
            },
            {
              group: ['../learn', '../learn/*', '**/renderer/learn/*'],
              message:
                'The canvas and inspector do not import learning mode: add an extension point in canvas/extensions.ts and plug it in from learn/canvasExtensions.ts.',
            },
          ],
        },
      ],
    },
  },
);
