import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONSOLE_DIRECTORY, consoleFile } from '../../bot/staff/console-files';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';

/** The relative imports of an ES module ("import … from './x.js'"), as the browser will fetch them. */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/^\s*import\s[^;]*?from\s+'(\.\/[^']+)';/gms)].map((match) => match[1] ?? '');
}

/** Every module main.js loads, directly or not, by file name. */
async function moduleGraph(): Promise<Set<string>> {
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    const source = await readFile(path.join(CONSOLE_DIRECTORY, name), 'utf8');
    for (const specifier of relativeImports(source)) await visit(path.posix.normalize(specifier));
  };
  await visit('main.js');
  return seen;
}

describe('the staff console files', () => {
  it('names any .js or .css file directly in webchat/console/, with a JavaScript or CSS type', () => {
    expect(consoleFile('/console/main.js')).toEqual({
      file: path.join(CONSOLE_DIRECTORY, 'main.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(consoleFile('/console/queue-view.js')?.file).toBe(path.join(CONSOLE_DIRECTORY, 'queue-view.js'));
    expect(consoleFile('/console/console.css')).toEqual({
      file: path.join(CONSOLE_DIRECTORY, 'console.css'),
      contentType: 'text/css; charset=utf-8',
    });
    expect(consoleFile('/console/%6dain.js')?.file).toBe(path.join(CONSOLE_DIRECTORY, 'main.js'));
  });

  it('refuses other files, folders and every way out of the folder', () => {
    for (const requestPath of [
      '/console/',
      '/console/index.html',
      '/console/API.md',
      '/console/api-types.d.ts',
      '/console/jsconfig.json',
      '/console/.hidden.js',
      '/console/sub/main.js',
      '/console/sub%2fmain.js',
      '/console/..%2f..%2fpackage.json',
      '/console/%2e%2e%2fchat-panel.js',
      '/console/..%5cchat-panel.js',
      '/console/main.js%00.css',
      '/console/%E0%A4%A.js',
      '/webchat/console/main.js',
      '/console/main.JS',
    ]) {
      expect([requestPath, consoleFile(requestPath)]).toEqual([requestPath, undefined]);
    }
  });

  it('keeps every script a type-checked module that main.js loads (no orphans, nothing unchecked)', async () => {
    const scripts = (await readdir(CONSOLE_DIRECTORY)).filter((name) => name.endsWith('.js')).sort();
    expect([...(await moduleGraph())].sort()).toEqual(scripts);
    for (const name of scripts) {
      expect([name, (await readFile(path.join(CONSOLE_DIRECTORY, name), 'utf8')).split('\n')[0]]).toEqual([
        name,
        '// @ts-check',
      ]);
    }
    const page = await readFile(path.join(CONSOLE_DIRECTORY, 'index.html'), 'utf8');
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/console/main.js">']);
  });

  describe('served', () => {
    let server: AssembledServer;
    beforeAll(async () => {
      server = await startAssembledServer();
    });
    afterAll(async () => {
      await server.close();
    });

    it('serves the page and every module it loads, as JavaScript, same-origin only, never sniffed', async () => {
      const page = await fetch(`${server.base}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      for (const name of await moduleGraph()) {
        const answer = await fetch(`${server.base}/console/${name}`);
        expect([name, answer.status, answer.headers.get('content-type')]).toEqual([
          name,
          200,
          'text/javascript; charset=utf-8',
        ]);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        expect(await answer.text()).toBe(await readFile(path.join(CONSOLE_DIRECTORY, name), 'utf8'));
      }
      const head = await fetch(`${server.base}/console/main.js`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      const css = await fetch(`${server.base}/console/console.css`);
      expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    });

    it('answers a JSON 404 for anything else under /console/', async () => {
      for (const urlPath of [
        '/console/nope.js',
        '/console/API.md',
        '/console/api-types.d.ts',
        '/console/%2e%2e%2fchat-panel.js',
        '/console/..%2f..%2fpackage.json',
      ]) {
        const answer = await fetch(`${server.base}${urlPath}`);
        expect([urlPath, answer.status]).toEqual([urlPath, 404]);
        expect(await answer.json()).toMatchObject({ error: 'not_found' });
      }
    });
  });
});
