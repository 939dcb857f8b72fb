// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

// One clock: the selectors of the rule below, reused by the SQL rule (a later no-restricted-syntax
// replaces an earlier one for the same file).
const clockSelectors = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message:
      'Date.now() reads the machine: use the injected Clock for business time, machineTime for token and cache lifetimes, performance.now() for durations.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message:
      'new Date() reads the machine: use the injected Clock for business time (tests: testClock), machineTime for token and cache lifetimes.',
  },
];
const clockIgnores = ['libs/common/src/clock/clock.ts', 'apps/web/src/clock.ts', 'test/support/clock.ts'];

// SQL only in repository files: files that still touch DataSource, .query( or the prepared-statement
// helper outside a *.repository.ts. This list is the remaining work (issue 16): move the SQL of
// each into <feature>.repository.ts and delete its line.
const sqlAllowlist = [
  'libs/core/src/published-roster/published-roster.service.ts',
  'libs/core/src/access/access-log.service.ts',
  'libs/core/src/access/access.service.ts',
  'libs/core/src/access/client-erasure.service.ts',
  'libs/core/src/auth/account-cache.ts',
  'libs/core/src/auth/auth.service.ts',
  'libs/core/src/auth/invitations.service.ts',
  'libs/core/src/auth/session-revocations.ts',
  'libs/core/src/rosters/outbox-relay.ts',
  'libs/core/src/rosters/rosters.service.ts',
  'libs/core/src/rosters/roster-runs.service.ts',
  'libs/core/src/scenarios/scenarios.module.ts',
  'libs/core/src/scenarios/scenarios.service.ts',
  // benchmarks: bench-load only creates and vacuums its scratch database (its data goes through
  // the API); the payroll and queue benches write fixtures straight into tables
  'scripts/bench-load.ts',
  'scripts/bench-payroll-db.ts',
  'scripts/bench-queue.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      '.artifacts/**',
      'apps/web/src/api/schema.d.ts',
      'eslint.config.mjs',
      'jest.config.js',
      '.dependency-cruiser.cjs',
      // The service worker: a plain browser script Vite copies as is (no module, no TypeScript).
      'apps/web/public/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['test/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The engine and the scenario library are pure: scenario in, roster out. No Nest, no database, no queue.
    files: ['libs/roster-engine/**/*.ts', 'libs/scenario/**/*.ts', 'libs/payroll/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'bullmq',
                'ioredis',
                '@homecare/database',
                '@homecare/jobs',
                '@homecare/common',
              ],
              message: 'The roster engine and scenario library stay pure.',
            },
          ],
        },
      ],
    },
  },
  {
    // One clock (see libs/common/src/clock/clock.ts): business time comes from the injected Clock,
    // the machine's own time from `machineTime`, durations from performance.now().
    files: ['apps/**/*.{ts,tsx}', 'libs/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    ignores: clockIgnores,
    rules: {
      'no-restricted-syntax': ['error', ...clockSelectors],
    },
  },
  {
    // SQL only in repository files, the database/platform modules and migrations (issue 16).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts'],
    ignores: [
      ...clockIgnores,
      ...sqlAllowlist,
      '**/*.repository.ts',
      '**/*.spec.ts',
      'libs/database/**',
      'libs/core/src/database/**',
      'apps/web/**',
      // pure libs: their own no-restricted-imports rule (above) already forbids typeorm and pg
      'libs/roster-engine/**',
      'libs/scenario/**',
      'libs/payroll/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...clockSelectors,
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL lives in *.repository.ts (or the database module): move this query there.',
        },
        {
          selector: 'CallExpression[callee.name=/^(preparedQuery|queryAll)$/]',
          message: 'The prepared-statement helper is for *.repository.ts files: move this statement there.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource'],
              message:
                'Only *.repository.ts files and the database module touch DataSource (EntityManager.query is caught by the .query( rule).',
            },
          ],
          patterns: [
            {
              group: ['**/database', '**/database/prepared-query', '@homecare/core/database'],
              importNames: ['preparedQuery', 'queryAll'],
              message: 'The prepared-statement helper is for *.repository.ts files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // Plain JavaScript, linted without types: keep disableTypeChecked's parser options (no project service).
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    // The web app: browser code, React's rules of hooks.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
);
