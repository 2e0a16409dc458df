import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './support/project-paths';

/**
 * Keeps jest.config.js's tier lists true: a suite that starts Redis, a child process or a
 * training run belongs in integration, one that starts Chromium in browser, and everything else
 * in unit (so `npm run test:unit` stays fast and needs nothing installed beyond node_modules).
 */
const JestConfigSchema = z.object({
  projects: z.array(z.object({ displayName: z.string(), testMatch: z.array(z.string()) })),
});

const BROWSER_SIGNS = /\b(launchChromium|useAssistantAndBrowser)\b/;
const INTEGRATION_SIGNS =
  /\b(startThrowawayRedis|startAssistantProcess|startServerProcess|runNode|spawn|trainInWorker|IntentClassifier\.train|NlpJsIntentModel\.train|sharedTrainedClassifier)\b/;

function testFiles(folder: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const file = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

function listed(tier: 'integration' | 'browser'): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.config.js is CommonJS, loaded at run time by its path; zod checks what it exports.
  const config = JestConfigSchema.parse(require(path.join(PROJECT_ROOT, 'jest.config.js')));
  const project = config.projects.find((p) => p.displayName === tier);
  return (project?.testMatch ?? []).map((pattern) => pattern.replace('<rootDir>/', ''));
}

describe('the test tiers in jest.config.js', () => {
  // This file names the signs it looks for, so it is left out of its own check.
  const files = testFiles('test').filter((file) => file !== 'test/test-tiers.test.ts');
  const integration = listed('integration');
  const browser = listed('browser');

  it('list only suites that exist', () => {
    expect([...integration, ...browser].filter((file) => !files.includes(file))).toEqual([]);
  });

  it('put every suite in the tier of what it starts', () => {
    const wrong = files.flatMap((file) => {
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      const needed = BROWSER_SIGNS.test(text) ? 'browser' : INTEGRATION_SIGNS.test(text) ? 'integration' : 'unit';
      const tier = browser.includes(file) ? 'browser' : integration.includes(file) ? 'integration' : 'unit';
      return needed === 'unit' || needed === tier
        ? []
        : [`${file} starts what the ${needed} tier is for: add it to ${needed.toUpperCase()} in jest.config.js`];
    });
    expect(wrong).toEqual([]);
  });
});
