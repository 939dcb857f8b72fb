// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const CLOCK_SELECTORS = [
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
    ignores: ['libs/common/src/clock/clock.ts', 'apps/web/src/clock.ts', 'test/support/clock.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...CLOCK_SELECTORS],
    },
  },
  {
    // Negotiation's statements live in its repository files (*.repository.ts): its services say
    // what they mean and call them, so a newcomer finds every statement of the feature in one place.
    files: ['libs/core/src/negotiation/**/*.ts'],
    ignores: ['libs/core/src/negotiation/**/*.repository.ts', 'libs/core/src/negotiation/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...CLOCK_SELECTORS,
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            "Raw SQL belongs in the feature's *.repository.ts; call a repository method named for what it does.",
        },
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message: "Queries belong in the feature's *.repository.ts.",
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource'],
              message: 'Only repositories hold the DataSource.',
            },
          ],
          patterns: [
            {
              group: ['**/database/prepared-query'],
              message: 'Prepared statements belong in *.repository.ts.',
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
