import { spawn } from 'node:child_process';
import path from 'node:path';
import { DIST } from '../support/project-paths';

describe('npm start (the server process)', () => {
  it('becomes ready, serves health checks and shuts down gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(DIST, 'bot', 'main.js')], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(output).toMatch(/knowledge base loaded/);

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/shutting down/);
  }, 90_000);

  it('refuses to start with invalid configuration and names the variable', async () => {
    const child = spawn(process.execPath, [path.join(DIST, 'bot', 'main.js')], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  }, 30_000);
});
