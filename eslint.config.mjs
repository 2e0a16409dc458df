// @ts-check
/**
 * Lint that guards the architecture (`npm run lint`, part of `npm test`; zero warnings allowed):
 * typescript-eslint's strict type-checked rules, no import cycles between files, and the layers
 * below, so that a folder may import only from the folders beneath it. README's Architecture
 * section draws the same layers. Formatting is Prettier's (.prettierrc.json); eslint-config-prettier
 * turns off the rules that would fight it.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, lowest first. A folder may import from the folders listed before it, never from those
 * after it; so no folder cycle can form. Files directly in bot/ (main.ts, server.ts, terminal-chat.ts)
 * are the top: they start the process and wire the HTTP server.
 */
export const LAYERS = [
  // Language: languages, normalising, tokens, stop words, the Danish stemmer.
  'text',
  // Finding and removing personal data in what citizens type.
  'privacy',
  // The knowledge base: intents, answers, guides, municipality profiles; loading and search.
  'knowledge',
  // Understanding: the classifier, its training and its evaluation.
  'intents',
  // Settings and logging.
  'bot/runtime',
  // The Redis connection, its key names, health and outages.
  'bot/storage',
  // Conversations and their activities (in memory, Redis).
  'bot/conversations',
  // Citizens' ratings.
  'bot/feedback',
  // The unanswered inbox: what did not get a good answer, redacted, for editors; its clusters.
  'bot/unanswered',
  // HTTP mechanics: body policy, origins, limits, headers, static files, errors.
  'bot/http',
  // The staffed queue, hours, estimates, callbacks and notes: free of HTTP and Direct Line shapes.
  'bot/handoff',
  // What the assistant says: the dialogue, free of botbuilder.
  'bot/dialogue',
  // The Bot Framework layer: the ActivityHandler, adapters, replies as activities.
  'bot/botframework',
  // Our Direct Line 3.0 channel.
  'bot/directline',
  // The staff API and console files.
  'bot/staff',
  // The knowledge studio for content editors: versions, publishing.
  'bot/studio',
  // The widget's routes and files.
  'bot/webchat',
  // Putting the parts together for a configuration.
  'bot/assembly',
];

/** import-x/no-restricted-paths zones: each layer may not import from any layer above it. */
function layerZones() {
  return LAYERS.flatMap((layer, index) => {
    const above = LAYERS.slice(index + 1).map((upper) => `./${upper}/**`);
    // Inside bot/, the top-level files (main.ts, server.ts, …) are above every layer.
    if (layer.startsWith('bot/')) above.push('./bot/*.ts');
    else above.push('./bot/**');
    return above.length
      ? [
          {
            target: `./${layer}`,
            from: above,
            message: `${layer} is below these in the layers (eslint.config.mjs, README Architecture).`,
          },
        ]
      : [];
  });
}

/** botbuilder's values only in the Bot Framework layer, the channel, the assembly and the entry points. */
const BOTBUILDER_VALUES = [
  'bot/botframework/**',
  'bot/directline/**',
  'bot/assembly/**',
  'bot/*.ts',
  'test/**',
  'bench/**',
];
/** ioredis only in storage implementations (files named redis-*) and the connection itself. */
const IOREDIS_ALLOWED = ['bot/storage/**', 'bot/**/redis-*.ts', 'test/**', 'bench/**'];

export default tseslint.config(
  // The console's type declarations are checked by tsconfig.console.json (npm run typecheck:console).
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'webchat/**/*.d.ts'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      // So that import-x reads the imported TypeScript files too (without it, no-cycle sees no cycle).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A `let` filled in late and read earlier by closures (behind a `?.`) must stay a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `(x) => doSomething(x)` as a callback reads better than braces around a void call.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // In-memory implementations of async store interfaces are async by contract without awaiting.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'ioredis', message: 'Redis only in bot/storage and redis-*.ts files.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // Where botbuilder's values may not be used (types may: conversations store its Activity shape).
    files: ['**/*.ts'],
    ignores: BOTBUILDER_VALUES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'botbuilder',
              message: 'botbuilder belongs to bot/botframework, bot/directline and bot/assembly.',
              allowTypeImports: true,
            },
            { name: 'ioredis', message: 'Redis only in bot/storage and redis-*.ts files.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // Knowledge and understanding know nothing of the bot, and the dialogue nothing of Bot Framework.
    files: ['text/**/*.ts', 'privacy/**/*.ts', 'knowledge/**/*.ts', 'intents/**/*.ts', 'bot/dialogue/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'botbuilder', message: 'The dialogue and everything beneath it are free of botbuilder.' },
            { name: 'ioredis', message: 'Redis only in bot/storage and redis-*.ts files.' },
            { name: 'restify', message: 'HTTP belongs to bot/http and the routes.' },
          ],
        },
      ],
    },
  },
  {
    files: IOREDIS_ALLOWED,
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests build odd inputs on purpose and reach into results they have just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['webchat/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    // The widget's scripts are ES5 (they run on every page of a municipality's site): a catch needs
    // a binding, used or not.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['webchat/console/**/*.js', 'webchat/studio/**/*.js', 'webchat/insight/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    files: ['*.js', '*.mjs', '.ci/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
