import { existsSync } from 'node:fs';
import path from 'node:path';
import { responseKind } from '../../bot/http/security-headers';
import { CHART_JS_FILE, CHART_JS_PATH, INSIGHT_DIRECTORY, insightFile } from '../../bot/insight/insight-files';
import { webchatFile } from '../../bot/webchat/webchat-routes';
import { filesToPrecompress } from '../../bot/webchat/widget-files';

describe('the insight dashboard files', () => {
  it('names .js, .css and .html files directly in webchat/insight/, and Chart.js at its vendor address', () => {
    expect(insightFile('/insight/main.js')).toEqual({
      file: path.join(INSIGHT_DIRECTORY, 'main.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(insightFile('/insight/report.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(insightFile('/insight/insight.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(insightFile(CHART_JS_PATH)).toEqual({ file: CHART_JS_FILE, contentType: 'text/javascript; charset=utf-8' });
    expect(existsSync(CHART_JS_FILE)).toBe(true);
  });

  it('refuses other files, folders and every way out of the folder', () => {
    for (const requestPath of [
      '/insight/',
      '/insight/api-types.d.ts',
      '/insight/.hidden.js',
      '/insight/vendor/chart.js',
      '/insight/sub%2fmain.js',
      '/insight/..%2f..%2fpackage.json',
      '/insight/%2e%2e%2fchat-panel.js',
      '/insight/%E0%A4%A.js',
      '/studio/main.js',
    ])
      expect(insightFile(requestPath)).toBeUndefined();
    // Not under /webchat/ either: the pages have their own address and headers.
    expect(webchatFile('/webchat/insight/main.js')).toBeUndefined();
  });

  it('gives the pages the staff pages’ CSP and the files same-origin headers', () => {
    expect(responseKind('/insight')).toBe('console-page');
    expect(responseKind('/insight/')).toBe('console-page');
    expect(responseKind('/insight/report.html')).toBe('console-page');
    expect(responseKind('/insight/main.js')).toBe('console-file');
    expect(responseKind(CHART_JS_PATH)).toBe('console-file');
    expect(responseKind('/webchat/insight/main.js')).toBe('data');
  });

  it('has the build precompress Chart.js with the widget files', () => {
    expect(filesToPrecompress()).toContain(CHART_JS_FILE);
    expect(filesToPrecompress()).toContain(path.join(INSIGHT_DIRECTORY, 'main.js'));
  });
});
