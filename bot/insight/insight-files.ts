import path from 'node:path';
import { projectRoot } from '../../knowledge/load-knowledge-base';

/**
 * The insight dashboard for managers: plain files (two HTML pages, ES modules, a style sheet), no
 * build step, as the console and the studio; the charts are drawn by Chart.js from the installed
 * package, served by us (no CDN).
 */
export const INSIGHT_DIRECTORY = path.join(projectRoot(), 'webchat', 'insight');

// The package exports only its entry points (dist/chart.cjs for require); the browser build sits beside it.
const CHART_JS_DIST = path.dirname(require.resolve('chart.js'));

/**
 * Chart.js's UMD build: one self-contained file (the ESM build imports a chunk and @kurkle/color by
 * bare name, which a browser cannot resolve without a bundler). Loaded as a classic script, it sets
 * window.Chart.
 */
export const CHART_JS_FILE = path.join(CHART_JS_DIST, 'chart.umd.min.js');
export const CHART_JS_PATH = '/insight/vendor/chart.umd.min.js';

export interface InsightFile {
  readonly file: string;
  readonly contentType: string;
}

const HTML = 'text/html; charset=utf-8';
const JAVASCRIPT = 'text/javascript; charset=utf-8';

/** The dashboard, at /insight and /insight/. */
export const INSIGHT_PAGE: InsightFile = { file: path.join(INSIGHT_DIRECTORY, 'index.html'), contentType: HTML };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': JAVASCRIPT,
  '.css': 'text/css; charset=utf-8',
  '.html': HTML,
};

/** A bare name ("report.html", "charts.js"): no folder, no dot file, nothing that could climb out. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:js|css|html)$/;

/**
 * The insight file a request path under /insight/ names, or undefined: Chart.js at its vendor
 * address, or a .js, .css or .html file directly in webchat/insight/ (the printable effect report
 * is report.html). Decoded before the check, so encoded "../" is refused too.
 */
export function insightFile(requestPath: string): InsightFile | undefined {
  if (requestPath === CHART_JS_PATH) return { file: CHART_JS_FILE, contentType: JAVASCRIPT };
  if (!requestPath.startsWith('/insight/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(requestPath.slice('/insight/'.length));
  } catch {
    // Malformed percent-encoding: not a file we have.
    return undefined;
  }
  const contentType = CONTENT_TYPES[path.extname(name)];
  if (!FILE_NAME.test(name) || !contentType) return undefined;
  const file = path.join(INSIGHT_DIRECTORY, name);
  return path.dirname(file) === INSIGHT_DIRECTORY ? { file, contentType } : undefined;
}
