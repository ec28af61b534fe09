// Lint, including the layering rules: a file's folder says which runtime it may use
// (shared: no Node, DOM or Electron; core and hub: no Electron; renderer: no Node, no Electron).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'sqlite-vec', 'ws', 'socket.io', 'pino', 'onnxruntime-node', 'jieba-wasm', 'exceljs'];

/** Forbidden npm/built-in modules by name, and forbidden project folders by a regex on the import path. */
const restrict = (message, paths, folders = []) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message })),
    patterns: folders.length ? [{ regex: `(^|/)(${folders.join('|')})(/|$)`, message }] : [],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'resources/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'no focused tests' },
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']", message: 'no focused tests' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict('src/shared is standard TypeScript: no Node, DOM or Electron', [
        ...nodeBuiltins,
        ...nodeOnlyPackages,
        'electron',
        'react',
        'react-dom',
      ], ['main', 'renderer', 'preload', 'hub']),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'the core runs in plain Node: no electron, no renderer, shell or hub code',
        ['electron', 'react', 'react-dom'],
        ['electron', 'renderer', 'preload', 'hub'],
      ),
    },
  },
  {
    files: ['src/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'the hub is a server: no electron and no workstation code',
        ['electron', 'react', 'react-dom'],
        ['main', 'renderer', 'preload'],
      ),
    },
  },
  {
    // Clients of the hub's integration API: they speak HTTP + webhooks only, never the hub's insides.
    files: ['src/integration-client/**/*.ts', 'src/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'integration clients talk to the hub only through its HTTP API',
        ['electron', 'react', 'react-dom', 'socket.io', 'socket.io-client', 'better-sqlite3'],
        ['main', 'renderer', 'preload', 'hub'],
      ),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      // We do not run the React Compiler; these rules only report what it would skip.
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': restrict(
        'the renderer is a web page: it talks to the core only through the API client',
        [...nodeBuiltins, ...nodeOnlyPackages, 'electron', 'socket.io-client'],
        ['main', 'preload', 'hub'],
      ),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('a sandboxed preload may import only electron and shared contracts', nodeBuiltins, [
        'main',
        'renderer',
        'hub',
      ]),
    },
  },
);
