import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import { sendFile } from '../http/static-file';

/** The knowledge studio's page: plain files (an HTML page, ES modules, a style sheet), no build step. */
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
  // Module scripts refuse anything that is not JavaScript (and nosniff is on).
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A bare name ("editor-view.js"): no folder, no dot file, nothing that could climb out. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:js|css)$/;

/**
 * The studio file a request path under /studio/ names, or undefined: any .js or .css file directly
 * in webchat/studio/ (as console-files.ts does for the console). Decoded before the check, so
 * "%2e%2e%2f" is refused like "../"; API.md and the .d.ts there are never served.
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

/**
 * GET and HEAD /studio, /studio/ and /studio/:name. Its CSP and other security headers come from
 * bot/http/security-headers.ts. The page also loads /console/dom.js, served by the staff routes.
 */
export function registerStudioFileRoutes(server: Server): void {
  const routes: [string, (req: Request) => StudioFile | undefined][] = [
    ['/studio', () => STUDIO_PAGE],
    ['/studio/', () => STUDIO_PAGE],
    ['/studio/:name', (req) => studioFile(req.path())],
  ];
  for (const [route, resolve] of routes) {
    const send = async (req: Request, res: Response) => {
      const found = resolve(req);
      if (found) await sendFile(req, res, found.file, { contentType: found.contentType, cacheControl: 'no-cache' });
      else res.send(404, { error: 'not_found', message: 'No such file.' });
    };
    server.get(route, send);
    server.head(route, send);
  }
}
