/**
 * Three test tiers, chosen by what a suite starts, not by its folder (README "Tests"):
 * - unit: everything not listed below. In-process only: no Redis, no browser, no trained model,
 *   no child process. `npm run test:unit`, under a minute.
 * - integration: a throwaway Redis, the trained classifier, the built server or CLIs as child
 *   processes (they need `npm run build`), the HTTP fuzz run.
 * - browser: headless Chromium (test/support/browser.ts).
 * A new suite lands in unit; test/test-tiers.test.ts fails if it starts something that belongs to
 * another tier, and says which list to add it to.
 */
const INTEGRATION = [
  'test/architecture/lint-guards.test.ts',
  'test/bench/insight-traffic.test.ts',
  'test/cli/evaluate-cli.test.ts',
  'test/cli/knowledge-transfer-cli.test.ts',
  'test/cli/server-process.test.ts',
  'test/cli/terminal-chat.test.ts',
  'test/bot/fallback-trained.test.ts',
  'test/bot/follow-up-dialogue.test.ts',
  'test/bot/local-answers-trained.test.ts',
  'test/conversations/conversation-erasure.test.ts',
  'test/conversations/rate-limits.test.ts',
  'test/conversations/redis-outage.test.ts',
  'test/conversations/redis-stores.test.ts',
  'test/conversations/unanswered-store-redis.test.ts',
  'test/directline/two-instances.test.ts',
  'test/fuzz/http-fuzz.test.ts',
  'test/handoff/citizen-presence-redis.test.ts',
  'test/handoff/handoff-queues.test.ts',
  'test/handoff/queue-survives-restart.test.ts',
  'test/insight/insight-restart.test.ts',
  'test/insight/redis-insight-store.test.ts',
  'test/intents/nlpjs-message-memory.test.ts',
  'test/metrics/metrics-server.test.ts',
  'test/intents/safety-classification.test.ts',
  'test/intents/trained-classifier.test.ts',
  'test/staff/hash-password-cli.test.ts',
  'test/staff/staff-stores.test.ts',
  'test/studio/redis-audit-log.test.ts',
  'test/studio/redis-draft-store.test.ts',
  'test/studio/knowledge-publisher.test.ts',
  'test/studio/model-export-store.test.ts',
  'test/studio/publish-two-instances.test.ts',
  'test/studio/redis-knowledge-version-store.test.ts',
  'test/studio/redis-studio-storage.test.ts',
  'test/studio/studio-two-instances.test.ts',
];

const BROWSER = [
  'test/webchat/accessibility.test.ts',
  'test/webchat/conversation.test.ts',
  'test/webchat/handoff-round-trip.test.ts',
  'test/webchat/insight-page.test.ts',
  'test/webchat/insight.test.ts',
  'test/webchat/official-client-errors.test.ts',
  'test/webchat/official-client-outage.test.ts',
  'test/webchat/panel.test.ts',
  'test/webchat/queue-hygiene.test.ts',
  'test/webchat/security-headers.test.ts',
  'test/webchat/staff-console.test.ts',
  'test/webchat/staff-look.test.ts',
  'test/webchat/staff-presence.test.ts',
  'test/webchat/studio-forms.test.ts',
  'test/webchat/studio-try.test.ts',
  'test/webchat/studio.test.ts',
  'test/webchat/studio-two-instances.test.ts',
];

const common = {
  testEnvironment: 'node',
  // swc strips types only; `npm test` runs `tsc --noEmit` first for type checking.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
};

const exactly = (files) => files.map((file) => `<rootDir>/${file}`);
const escaped = (file) => `<rootDir>/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside a project.
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...[...INTEGRATION, ...BROWSER].map(escaped)],
    },
    { ...common, displayName: 'integration', roots: ['<rootDir>/test'], testMatch: exactly(INTEGRATION) },
    { ...common, displayName: 'browser', roots: ['<rootDir>/test'], testMatch: exactly(BROWSER) },
  ],
};
