import path from 'node:path';
import { projectRoot } from '../../knowledge/load-knowledge-base';

/** The staff console: plain files (an HTML page, ES modules, a style sheet), no build step. */
export const CONSOLE_DIRECTORY = path.join(projectRoot(), 'webchat', 'console');

export interface ConsoleFile {
  readonly file: string;
  readonly contentType: string;
}

/** The page, at /console and /console/. */
export const CONSOLE_PAGE: ConsoleFile = {
  file: path.join(CONSOLE_DIRECTORY, 'index.html'),
  contentType: 'text/html; charset=utf-8',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  // RFC 9239's type; module scripts refuse anything that is not JavaScript (and nosniff is on).
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A bare name ("queue-view.js"): no folder, no dot file, nothing that could climb out. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:js|css)$/;

/**
 * The console file a request path under /console/ names, or undefined: any .js or .css file
 * directly in webchat/console/, so a new module needs no route. Decoded before the check, so
 * "%2e%2e%2f" and the like are refused like "../"; other files there (API.md, the .d.ts, the
 * type-check config) are never served.
 */
export function consoleFile(requestPath: string): ConsoleFile | undefined {
  if (!requestPath.startsWith('/console/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(requestPath.slice('/console/'.length));
  } catch {
    // Malformed percent-encoding: not a file we have.
    return undefined;
  }
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!FILE_NAME.test(name) || !contentType) return undefined;
  const file = path.join(CONSOLE_DIRECTORY, name);
  return path.dirname(file) === CONSOLE_DIRECTORY ? { file, contentType } : undefined;
}
