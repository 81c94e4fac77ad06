// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
    // The engine and the op library must stay free of UI and platform code.
    files: ['packages/graph-runtime/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chainrule/nodes', '@chainrule/nodes/*'],
              message: 'graph-runtime is op-agnostic: it never imports nodes.',
            },
            {
              group: ['react', 'react-dom', '@xyflow/*', 'electron'],
              message: 'graph-runtime never imports UI or Electron.',
            },
          ],
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'fs', 'path'],
              message:
                'The renderer talks to main only through src/shared/ipc.ts and the DocumentHost.',
            },
          ],
        },
      ],
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
