import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import { CHART_JS_FILE } from '../insight/insight-files';

/** The widget, the demo site and the staff console: plain files, no build step. */
export const WEBCHAT_DIRECTORY = path.join(projectRoot(), 'webchat');

// The package exports only its entry (lib/index.js); the browser bundle and package.json sit beside it.
const WEBCHAT_PACKAGE = path.join(path.dirname(require.resolve('botframework-webchat')), '..');

/** The official Web Chat bundle, served by us (no CDN), loaded only when a citizen opens the chat. */
export const WEBCHAT_BUNDLE = path.join(WEBCHAT_PACKAGE, 'dist', 'webchat.js');

/** The installed Web Chat version (package.json pins it exactly). */
export const WEBCHAT_VERSION = z
  .object({ version: z.string().regex(/^[0-9A-Za-z.+-]+$/) })
  .parse(JSON.parse(readFileSync(path.join(WEBCHAT_PACKAGE, 'package.json'), 'utf8'))).version;

/**
 * The bundle's versioned address, cached for a year (`immutable`): a new version gets a new
 * address. chat-panel.js names it (a test checks that they agree).
 */
export const VERSIONED_BUNDLE_PATH = `/webchat/vendor/webchat-${WEBCHAT_VERSION}.js`;
/** The old, unversioned address, kept for pages that still name it; cached briefly. */
export const UNVERSIONED_BUNDLE_PATH = '/webchat/vendor/webchat.js';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** The files worth compressing at build time: the bundles (Web Chat, Chart.js) and our own scripts, styles and pages. */
export function filesToPrecompress(): string[] {
  const ours = readdirSync(WEBCHAT_DIRECTORY, { recursive: true, encoding: 'utf8' })
    .filter((name) => ['.js', '.css', '.html'].includes(path.extname(name)))
    .map((name) => path.join(WEBCHAT_DIRECTORY, name))
    .sort();
  return [WEBCHAT_BUNDLE, CHART_JS_FILE, ...ours];
}
