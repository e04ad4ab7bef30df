// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders that form the pure detection core: they may not reach the I/O shell. */
const pureStages = ['events', 'intel', 'content', 'linkage', 'attribution', 'pipeline', 'sim', 'enforcement', 'reports'];
const shell = ['store', 'api', 'gateway', 'cli', 'taxii', 'cases', 'server'];

const forbid = (folders) =>
  folders.flatMap((f) => [`**/${f}`, `**/${f}/*`, `**/${f}/**`, `../${f}/*`, `../../${f}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'data/**', 'bench/out/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: pureStages.map((s) => `src/${s}/**/*.ts`),
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: forbid(shell), message: 'Detection stages are pure: they never import the I/O shell (see DESIGN.md).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbid(['intel', 'content', 'linkage', 'attribution', 'pipeline', 'api', 'gateway', 'cli', 'cases']),
              message: 'store never imports a stage, api or gateway (CONVENTIONS.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
