import path from 'node:path';
import { projectRoot } from '../../knowledge/load-knowledge-base';

/** The knowledge studio: plain files (an HTML page, ES modules, a style sheet), no build step, as the console. */
export const STUDIO_DIRECTORY = path.join(projectRoot(), 'webchat', 'studio');

export interface StudioFile {
  readonly file: string;
  readonly contentType: string;
}

/** The page, at /studio and /studio/. */
export const STUDIO_PAGE: StudioFile = {
  file: path.join(STUDIO_DIRECTORY, 'index.html'),
  contentType: 'text/html; charset=utf-8',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** A bare name ("intent-editor.js"): no folder, no dot file, nothing that could climb out. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:js|css|svg)$/;

/**
 * The studio file a request path under /studio/ names, or undefined. Decoded before the check,
 * so encoded "../" is refused too; API.md and type declarations there are never served.
 */
export function studioFile(requestPath: string): StudioFile | undefined {
  if (!requestPath.startsWith('/studio/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(requestPath.slice('/studio/'.length));
  } catch {
    // Malformed percent-encoding: not a file we have.
    return undefined;
  }
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!FILE_NAME.test(name) || !contentType) return undefined;
  const file = path.join(STUDIO_DIRECTORY, name);
  return path.dirname(file) === STUDIO_DIRECTORY ? { file, contentType } : undefined;
}
