// Lint rules for every package. The import-direction rule keeps pure code (events, projections,
// deciders) free of I/O: services -> projections -> events, never the other way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['fastify', 'fastify-*', '@fastify/*', 'pg', 'better-sqlite3', 'ioredis', 'pino', 'pino-*',
  '@eventstore/*', 'node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:child_process', 'fs', 'net', 'http'];

const ioPatterns = ioModules.map((name) => ({ group: [name], message: 'pure code imports no I/O' }));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', '.tap/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'no export * chains' }],
    },
  },
  {
    files: ['events/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...ioPatterns,
          { group: ['@estafet/*'], message: 'events/ imports zod and nothing else of ours' }],
      }],
    },
  },
  {
    files: ['projections/src/**/*.ts', 'services/ledger/src/deciders/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...ioPatterns,
          { group: ['@estafet/ledger', '@estafet/api', '@estafet/worker'], message: 'imports flow services -> projections -> events' }],
      }],
    },
  },
  {
    files: ['services/ledger/src/**/*.ts'],
    ignores: ['services/ledger/src/deciders/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@estafet/api', '@estafet/worker'], message: 'the ledger does not depend on its callers' }],
      }],
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript that runs where the TypeScript loader does not (a worker thread's entry): no type info.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
