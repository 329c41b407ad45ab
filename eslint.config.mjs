import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'client/dist/**', 'data/**', 'coverage/**', '*.config.js', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  { files: ['client/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain core stays pure: no web framework, no database, no file system.
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['express', 'better-sqlite3', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises'] }],
    },
  },
);
