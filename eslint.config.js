// Lint rules hold the layering (which folder may import which), as the architecture asks.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'native-kernels/build/**',
      'build-sanitize/**',
      'build-test/**',
      'bench/results/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No .only in committed tests.',
        },
      ],
    },
  },
  {
    // The kernel library is plain compute: no Electron, no image I/O, no UI, no app code.
    files: ['native-kernels/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'sharp', 'react', 'react-dom', 'pixi.js'].map((name) => ({
            name,
            message: 'native-kernels/ is plain compute.',
          })),
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'native-kernels/ imports nothing from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only main/electron/, main/index.ts and preload/ touch Electron: the back end, the shared API
    // handlers, the compute process, the CLI and the browser-mode host run under plain Node. Type
    // imports are allowed (utilityProcessTransport.ts types Electron's module it is handed).
    files: [
      'main/api/**/*.ts',
      'main/compute/**/*.ts',
      'main/service/**/*.ts',
      'main/cli/**/*.ts',
      'main/host/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/electron/, main/index.ts and preload/ import electron.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer is untrusted web content: no Node, no Electron, no back-end code; from
    // native-kernels only the pure shared modules (shapes and types).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the back end through the preload bridge only.',
            },
            ...nodeBuiltins
              .filter((n) => !n.includes('*'))
              .map((name) => ({ name, message: 'No Node in the renderer.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node in the renderer.' },
            {
              group: ['**/main/**', '**/preload/index*'],
              message: 'The renderer imports nothing from main/.',
            },
            {
              group: [
                '**/native-kernels/**',
                '!**/native-kernels/shapes*',
                '!**/native-kernels/types*',
                '!**/native-kernels/architecture*',
                '!**/native-kernels/separable*',
                '!**/native-kernels/padding*',
                '!**/native-kernels/seededRandom*',
              ],
              message:
                'Only native-kernels/shapes, types, architecture, separable, padding and seededRandom are shared with the renderer.',
            },
          ],
        },
      ],
    },
  },
);
