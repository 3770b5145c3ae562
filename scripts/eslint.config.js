// ESLint flat config. Lives in scripts/ to keep the top level to the product's fixed layout;
// `npm run lint` passes it with -c, which makes paths below relative to the repository root.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layering of docs/architecture.md, as import bans per folder. */
const layer = (from, banned, message) => ({
  files: from,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: banned.map((group) => ({ group: [group], message })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', 'coverage/**', 'bench/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The data layer is asynchronous on both engines: a promise nobody awaits is a write that may
    // land after its transaction, or an error nobody sees. Type-aware, so it knows what is a promise.
    files: ['electron/**/*.ts', 'db/**/*.ts', 'test/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname + '/..' } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
      // Our inputs take focus on purpose where a person starts typing (sign-in, a dialog's first field).
      'jsx-a11y/no-autofocus': 'off',
      // Our effects start IPC loads whose setState runs after an await; the rule cannot see the await.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'electron/**/*.ts', 'db/**/*.ts', 'test/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  layer(['shared/**'], ['**/db/**', '**/electron/**', '**/renderer/**', 'node:*', 'fs', 'path', 'electron', 'better-sqlite3', 'drizzle-orm*', 'react', 'react-dom'], 'shared/ is pure TypeScript: it imports nothing of ours outside shared/ and no Node, DOM or Electron API.'),
  layer(['db/**'], ['**/electron/**', '**/renderer/**', 'electron'], 'db/ may import shared/ only.'),
  layer(['electron/core/**'], ['**/renderer/**', 'electron', '**/electron/main/**', '**/electron/preload/**', '../main/**', '../preload/**', '../../main/**', '../../preload/**', '**/test/**'], "electron/core must run under plain Node: no 'electron', no renderer."),
  layer(['electron/preload/**'], ['**/renderer/**', '**/db/**', '**/electron/core/**', '**/electron/main/**', '../core/**', '../main/**', 'better-sqlite3', 'node:*'], 'The preload only bridges one invoke: it imports electron and shared/ only.'),
  layer(['electron/main/**'], ['**/renderer/**', '**/test/**'], 'electron/main wires the core to Electron; it never imports the renderer or test code.'),
  layer(['renderer/**'], ['**/db/**', '**/electron/**', 'electron', 'better-sqlite3', 'drizzle-orm*', 'node:*', 'fs', 'path', 'child_process'], 'renderer/ may import shared/ and browser libraries only.'),
);
