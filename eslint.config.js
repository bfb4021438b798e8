// ESLint flat config (docs/decisions/0006-linter-eslint.md). Layout and spacing belong to
// Prettier (eslint-config-prettier switches the overlapping rules off); these rules catch
// mistakes and hold the architecture: the domain core does no I/O and reads no clock,
// modules meet only at each other's index.ts, the web app imports from the server only
// the shared contract.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that reach outside the process: the network, the disk, the database, mail, timers. */
const IO_PACKAGES = [
  'pg',
  '@electric-sql/pglite',
  'fastify',
  '@fastify/*',
  'nodemailer',
  '@aws-sdk/*',
  'croner',
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
  'node:worker_threads',
  'node:os',
  'node:process',
  'node:timers',
];

/**
 * `src/domain` files escape the domain with one more `../` than their depth below it; a rule
 * per depth, since no-restricted-imports sees the specifier, not the resolved path.
 */
const domainRules = [0, 1, 2, 3, 4].map((depth) => ({
  files: [`src/domain/${'*/'.repeat(depth)}*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [],
        patterns: [
          { group: IO_PACKAGES, message: 'src/domain does no I/O: take the data as arguments (docs/decisions/0006).' },
          { regex: `^(\\.\\./){${depth + 1}}`, message: 'src/domain imports nothing outside src/domain.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'web/dist/**',
      'node_modules/**',
      'data/**',
      'test-output/**',
      '.scratch/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // TypeScript reports undefined names itself, with types.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Fastify's generic instances and a few parser shapes are typed `any` on purpose; a
      // warning keeps new ones visible without failing on today's.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Control characters in patterns are the point where they appear: text is cleaned of
      // what XML 1.0 and file names cannot hold.
      'no-control-regex': 'off',
      // `let [int, frac] = …` where only one is reassigned reads better than two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
      // Flags symmetric parser steps (`f += 8` on the last field) as often as dead stores.
      'no-useless-assignment': 'warn',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The web app talks to the server only through the shared contract (src/contract/; the
      // pure text rules both sides apply come through src/contract/text-rules.ts).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+src/(?!contract(/|$))', message: 'web/ imports from the server only src/contract/.' },
          ],
        },
      ],
    },
  },
  ...domainRules,
  {
    // The domain reads no clock: "today" is an argument, so results are reproducible.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain reads no clock: take the date as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/domain reads no clock: take the time as an argument.',
        },
      ],
    },
  },
  {
    // A module uses another only through its index.ts (its public surface).
    files: ['src/modules/*/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)',
              message: "Import another module through its index.ts ('../<module>/index.js').",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/modules/*/*/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./[^./][^/]*/(?!index\\.js$)',
              message: "Import another module through its index.ts ('../../<module>/index.js').",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
