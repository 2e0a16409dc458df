import type { Request, Response, Server } from 'restify';
import { sendFile } from '../http/static-file';
import { CHART_JS_PATH, INSIGHT_PAGE, insightFile, type InsightFile } from './insight-files';

/**
 * The dashboard's pages and files (the data comes from /api/insight, with the staff sign-in).
 * Served to anyone, as the console's and the studio's are: they hold no data, and the API decides
 * who may see figures. Security headers (the staff pages' CSP): bot/http/security-headers.ts.
 */
export function registerInsightPageRoutes(server: Server): void {
  const routes: [string, (req: Request) => InsightFile | undefined][] = [
    ['/insight', () => INSIGHT_PAGE],
    ['/insight/', () => INSIGHT_PAGE],
    [CHART_JS_PATH, (req) => insightFile(req.path())],
    ['/insight/:name', (req) => insightFile(req.path())],
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
