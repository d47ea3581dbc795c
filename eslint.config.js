import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DOMAIN_PATTERNS = [
  { group: ['**/http/**', '**/http/*'], message: 'Domain code must not import server/http/ (SPEC A3): use server/errors.ts.' },
  { group: ['fastify', '@fastify/*'], message: 'Domain code must not depend on the HTTP framework (SPEC A3).' },
];

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    // The server's data layer is asynchronous: a repository call not awaited would commit outside its unit of
    // work or lose its error. These rules need the type checker, so they cover the server and its tests only.
    files: ['server/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The service worker is plain JavaScript run in the worker's global scope.
    files: ['client/public/sw.js'],
    languageOptions: {
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly', console: 'readonly' },
    },
  },
  {
    // The sign-in form's boot script is plain JavaScript inlined into index.html (vite.config.ts, bootSignIn).
    files: ['client/auth/boot-script.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', location: 'readonly', localStorage: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // shared/ is used by both sides: it may import nothing from client/ or server/.
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**', '**/server/**'], message: 'shared/ must not import client/ or server/.' }] },
      ],
    },
  },
  {
    // The domain knows nothing of HTTP: its refusals are server/errors.ts, its callers translate them.
    files: [
      'server/{accounts,meetings,motions,documents,comments,demo,storage,db,export,collab}/**/*.ts',
      'server/{audit,audit-key,policies,services,work-queue,ids,errors}.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: DOMAIN_PATTERNS }],
    },
  },
  {
    // The room core is transport-free: only the adapter binds it to `ws`.
    files: ['server/collab/**/*.ts'],
    ignores: ['server/collab/ws-adapter.ts', 'server/collab/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'ws', message: 'Only ws-adapter.ts may import ws.' }], patterns: DOMAIN_PATTERNS },
      ],
    },
  },
);
