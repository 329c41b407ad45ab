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
  // Layering, enforced by path (relative imports included). Each folder gets one
  // @typescript-eslint/no-restricted-imports setting (a later setting replaces an earlier
  // one, it does not add to it), so each block lists everything its folder may not import.
  {
    // The domain core stays pure: no web framework, no database, no file system, no layer above it.
    files: ['server/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['express', 'better-sqlite3', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises'],
          patterns: [
            {
              regex: String.raw`^\.\.?/(?:.*/)?(?:db|services|http)(?:/|$)`,
              message: 'server/domain is the pure core: it may not import db/, services/ or http/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Repositories and services never reach up into HTTP; repositories never call services.
    files: ['server/db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\.?/(?:.*/)?(?:services|http)(?:/|$)`,
              message: 'server/db holds SQL only: it may not import services/ or http/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\.?/(?:.*/)?http(?:/|$)`,
              message: 'services are shared by HTTP and the CLI: they may not import http/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes parse, call a service and present: the database only as types.
    files: ['server/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\.?/(?:.*/)?db(?:/|$)`,
              allowTypeImports: true,
              message: 'server/http calls services, never repositories or SQL; import their types with `import type`.',
            },
            {
              // The unblinded readers serve the CLI and other services; a route shows what the
              // visibility policy lets its caller see, through the service that takes the Actor.
              regex: String.raw`^\.\.?/(?:.*/)?services/(?:prisma|coding|screening|ranking|export|archive|appraisal-summary|report)$`,
              importNames: [
                'projectPrisma',
                'prismaBoxRecords',
                'projectSynthesis',
                'screeningStatus',
                'computeAgreement',
                'projectStoppingReport',
                'exportProject',
                'exportArchive',
                'appraisalSummary',
                'appraisalExport',
                'projectReport',
                'reportInput',
              ],
              message:
                'routes call the Actor-taking service (prismaDocument, prismaBoxRecordsFor, synthesisFor, screeningStatusFor, agreement, rankingOverview, exportProjectFor, exportArchiveFor, appraisalSummaryFor, appraisalExportFor, reportFor), which consults the visibility policy.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI is a second front door beside HTTP: it opens the file (db/connection) and calls
    // services, never repositories; their types only with `import type`.
    files: ['server/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\.?/(?:.*/)?db/repos(?:/|$)`,
              allowTypeImports: true,
              message: 'server/cli calls services, never repositories; import their types with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser client talks to the JSON API; it shares only the API's types.
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(?:^|/)server/(?!api/)`,
              message: 'the client may not import server code; only `import type` from server/api/.',
            },
            {
              regex: String.raw`(?:^|/)server/api/`,
              allowTypeImports: true,
              message: 'the client imports only types from server/api/ (`import type`).',
            },
          ],
        },
      ],
    },
  },
);
