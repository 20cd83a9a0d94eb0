// Lint: the shape of the house. The dependency direction is a rule, not a habit: shared/ imports none of
// renderer/, electron/ or server/ (and no Electron or Node), the renderer never imports the main process
// or Node, main never imports the renderer, the server imports only shared/ and main's plain signing
// and evidence modules, and only the thin wrappers in electron/main import Electron.
// Run by `npm test` (and `npm run lint`).
import tseslint from 'typescript-eslint';

const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'renderer/public/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-empty-pattern': 'error',
      'no-dupe-keys': 'error',
      'no-self-assign': 'error',
      'no-unreachable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      ['**/renderer/**', '**/electron/**', '**/server/**', 'electron', 'react', 'react-dom', 'node:*'],
      'shared/ is pure TypeScript for every process: no renderer, main-process, server, Electron, React or Node code.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: forbid(
      ['**/electron/**', '**/server/**', 'electron', 'node:*'],
      'The renderer reaches the main process only through window.host; it has no Node.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: forbid(['**/renderer/**', '**/server/**'], 'The main process never imports renderer or server code; shared code lives in shared/.'),
  },
  {
    // The central system checks what counters sign with the very code that signs it: the suites and the
    // evidence formats of electron/services (plain Node modules, no Electron). Nothing else of the app.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // `paths` for the package: a pattern `electron` would also match ../electron/services/….
          paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'The central system runs without Electron or React.' })),
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'The central system shares only shared/ and the plain signing and evidence modules of electron/services.',
            },
          ],
        },
      ],
    },
  },
  {
    // Electron itself only in the thin wrappers; the logic they hand to it lives in plain modules the
    // unit tests import (the services, app-request, security-policy, window-options, applicant-screen).
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/{index,ipc,app-protocol,security,windows,safe-storage}.ts', 'electron/preload/**'],
    rules: forbid(
      ['**/renderer/**', '**/server/**', 'electron'],
      'Only the thin Electron wrappers import Electron: put the logic in a plain module beside them, with its unit test.',
    ),
  },
);
