import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { DIST } from './project-paths';
import { throwawayStudioDataDir } from './throwaway-studio-data';

export { CHROMIUM, launchChromium } from './chromium';

export interface AssistantProcess {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far (JSON log lines). */
  readonly output: () => string;
  stop(): Promise<void>;
  /** Kills the process outright (SIGKILL), as a crash or a pulled plug would: no graceful shutdown. */
  kill(): Promise<void>;
}

/**
 * Starts the compiled server (`npm run build` first) on a free port and resolves once its log says
 * "assistant ready", with the address from that log line. ASSISTANT_MAIN may point at another
 * entry point with the same start-up log contract.
 */
export function startAssistantProcess(
  env: NodeJS.ProcessEnv = {},
  options: { timeoutMs?: number } = {},
): Promise<AssistantProcess> {
  const main = process.env.ASSISTANT_MAIN ?? path.join(DIST, 'bot', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: run \`npm run build\` first`);
  const studioData = env.STUDIO_DATA_DIR ? undefined : throwawayStudioDataDir();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      ...(studioData ? { STUDIO_DATA_DIR: studioData.directory } : {}),
      ...env,
      PORT: env.PORT ?? '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      studioData?.remove();
      resolve(code);
    }),
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  return new Promise<AssistantProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the assistant was not ready within ${options.timeoutMs ?? 120_000} ms; output:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = readyUrl(line);
        if (url) {
          clearTimeout(timer);
          resolve({ url: url.replace(/\/$/, ''), output: () => output, stop, kill });
        }
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the assistant exited with code ${String(code)} before it was ready; output:\n${output}`));
    });
  });
}

/** The "url" of a JSON log line whose msg is "assistant ready". */
function readyUrl(line: string): string | undefined {
  if (!line.includes('"msg":"assistant ready"')) return undefined;
  try {
    const entry = JSON.parse(line) as { url?: unknown };
    return typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return /"url":"(http[^"]+)"/.exec(line)?.[1];
  }
}

/**
 * Registers beforeAll/afterAll for a test file that needs a running assistant and Chromium,
 * and returns getters for them (valid inside tests).
 */
export function useAssistantAndBrowser(env: NodeJS.ProcessEnv = { RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000' }): {
  readonly server: AssistantProcess;
  readonly browser: Browser;
} {
  let server: AssistantProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAssistantProcess(env), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);
  return {
    get server() {
      if (!server) throw new Error('the assistant is not running (beforeAll failed)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (beforeAll failed)');
      return browser;
    },
  };
}
