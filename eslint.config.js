// Layers, as in VS Code: core (pure) ← contract ← backend | renderer | server ← cli | electron.
// The import rules below are what keeps them apart; `npm run lint` fails the build when a
// file reaches across. scripts/lint-rules.test.ts proves the rules fire.
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const io = ['typeorm', 'better-sqlite3', 'pg', 'ws', 'fastify', 'electron', 'electron-updater', 'exceljs', 'docx', 'commander'];

const restrict = (message, paths, patterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((p) => ({ group: p.group, message: p.message })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'demo-data/', '.tmp/', '**/*.d.ts'],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: restrict(
      'src/core is pure domain code: no I/O, no Node, no database, no UI.',
      [...nodeBuiltins, ...io, 'react', 'antd', 'zod/v3'],
      [{ group: ['**/backend/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/electron/**', '**/contract/**', '**/migrations/**'], message: 'src/core is the bottom layer: it imports nothing of ours above it.' }],
    ),
  },
  {
    // Tests of core may read the shipped data files from disk; core code itself may not.
    files: ['src/core/**/*.test.ts'],
    rules: restrict('Core tests may read files, nothing more.', [...io, 'react', 'antd'], [
      { group: ['**/backend/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/electron/**'], message: 'Test core through its own API.' },
    ]),
  },
  {
    files: ['src/contract/**/*.{ts,tsx}'],
    rules: restrict(
      'src/contract is shared by renderer, preload and backend: types and zod only.',
      [...nodeBuiltins, ...io, 'react', 'antd'],
      [{ group: ['**/backend/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/electron/**', '**/migrations/**'], message: 'src/contract may import only src/core.' }],
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      'The renderer runs sandboxed in a browser context: no Node, Electron, database or backend code. Call the backend through the RPC client.',
      [...nodeBuiltins, ...io],
      [
        { group: ['**/backend/**', '**/server/**', '**/cli/**', '**/electron/**', '**/migrations/**'], message: 'The renderer talks to the backend only through src/contract and the RPC client.' },
        { group: ['typeorm/*', 'better-sqlite3/*', 'electron/*'], message: 'No database or Electron code in the renderer.' },
      ],
    ),
  },
  {
    // Renderer tests may stand up a real WebSocket server (Node) to test the client against.
    files: ['src/renderer/**/*.test.{ts,tsx}'],
    rules: restrict('Renderer tests still may not reach into the backend.', ['typeorm', 'better-sqlite3', 'electron'], [
      { group: ['**/backend/**', '**/server/**', '**/cli/**', '**/electron/**'], message: 'Test the renderer through the contract.' },
    ]),
  },
  {
    files: ['src/backend/**/*.ts'],
    rules: restrict('The backend has no UI.', ['react', 'antd', 'electron'], [
      { group: ['**/renderer/**', '**/server/**', '**/cli/**', '**/electron/**'], message: 'The backend must not depend on the renderer, the server, the CLI or Electron main.' },
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict('The department server has no UI and no Electron.', ['react', 'antd', 'electron'], [
      { group: ['**/renderer/**', '**/backend/**', '**/electron/**'], message: 'The server shares only src/core and src/contract with the app.' },
    ]),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict('Electron main/preload stay thin.', ['typeorm', 'better-sqlite3', 'react', 'antd'], [
      { group: ['**/renderer/**', '**/server/**', '**/cli/**', '**/backend/**'], message: 'Main starts the backend as a separate process (utilityProcess); it does not import it.' },
    ]),
  },
  {
    // A main-process test may stand up the backend's side of the process protocol (it runs
    // both ends of the utilityProcess port in one Node process); main's code still may not.
    files: ['electron/main/**/*.test.ts'],
    rules: restrict('Electron main tests stay clear of the UI and the server.', ['typeorm', 'better-sqlite3', 'react', 'antd'], [
      { group: ['**/renderer/**', '**/server/**', '**/cli/**'], message: 'Main tests may join the backend over the process protocol only.' },
    ]),
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'e2e-electron/**', 'scripts/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
