import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { DIST } from '../support/project-paths';
import { throwawayStudioDataDir } from '../support/throwaway-studio-data';

const MAIN = path.join(DIST, 'bot', 'main.js');

/** Resolves with the first match of `pattern` in the process's stdout. */
function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  log: { text: string },
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${log.text}`)), 60_000);
    const check = () => {
      const match = pattern.exec(log.text);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(match);
      }
    };
    child.stdout.on('data', check);
    check();
  });
}

describe('npm start (the server process)', () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  // A failed assertion must not leave a server running: it would keep jest (and CI) from exiting.
  const afterRemove: (() => void)[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const remove of afterRemove.splice(0)) remove();
  });

  it('answers /healthz while starting, becomes ready, and shuts down gracefully on SIGTERM', async () => {
    const studioData = throwawayStudioDataDir();
    afterRemove.push(studioData.remove);
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', STUDIO_DATA_DIR: studioData.directory },
    });
    children.push(child);
    const log = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => (log.text += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    const [, url] = await waitForOutput(child, /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"assistant listening/, log);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503); // training takes seconds

    await waitForOutput(child, /"msg":"assistant ready"/, log);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(log.text).toMatch(/knowledge base loaded/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log.text).toMatch(/shutting down/);
  }, 90_000);

  it('refuses to start with invalid configuration and names the variable', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: 'eighty' } });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  }, 30_000);
});
