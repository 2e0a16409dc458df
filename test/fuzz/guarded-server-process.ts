import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DIST } from '../support/project-paths';
import { throwawayStudioDataDir } from '../support/throwaway-studio-data';

const MAIN = path.join(DIST, 'bot', 'main.js');

/**
 * Loaded into the server before main.js (`--import`): reports on stderr every outgoing connection
 * and name lookup that does not stay on this machine, so a test can prove that nothing it sent made
 * the server call out (e.g. botbuilder fetching Microsoft's signing keys for /api/messages).
 */
const OUTBOUND_GUARD = `
import net from 'node:net';
import dns from 'node:dns';
const local = (host) => host === undefined || host === null || /^(localhost|127\\.[0-9.]+|::1|::ffff:127\\.[0-9.]+)$/i.test(String(host));
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!options.path && !local(options.host)) process.stderr.write('OUTBOUND CONNECTION ' + options.host + ':' + options.port + '\\n');
  return connect.apply(this, args);
};
for (const target of [dns, dns.promises]) {
  const lookup = target.lookup;
  target.lookup = function (host, ...rest) {
    if (!local(host)) process.stderr.write('OUTBOUND LOOKUP ' + host + '\\n');
    return lookup.call(this, host, ...rest);
  };
}
`;

/**
 * The compiled server (dist/bot/main.js) running in a child process of its own, so a crash is
 * observable. Unlike test/support/browser.ts's startAssistantProcess it loads the outbound guard,
 * samples the process's memory and waits for /readyz: what the fuzz suite asserts on.
 */
export interface ServerProcess {
  readonly base: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the process wrote so far (pino's JSON logs go to stdout). */
  readonly output: () => { stdout: string; stderr: string };
  /** Exit code or signal once the process has ended; undefined while it runs. */
  readonly exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Resident memory in bytes (VmRSS from /proc), or undefined once the process is gone. */
  readonly rssBytes: () => number | undefined;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts dist/bot/main.js on a free port and waits until /readyz answers 200 (the classifier trains for 5–15 s). */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  options: { readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const studioData = throwawayStudioDataDir();
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(OUTBOUND_GUARD)}`, MAIN],
    {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        STUDIO_DATA_DIR: studioData.directory,
        ...env,
        PORT: String(port),
      },
    },
  );
  let stdout = '';
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      studioData.remove();
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    base,
    port,
    pid: child.pid ?? -1,
    output: () => ({ stdout, stderr }),
    exited: () => exit,
    rssBytes: () => readRss(child.pid),
    async stop() {
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ended;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (exit)
      throw new Error(`the server exited while starting (${JSON.stringify(exit)}); stderr: ${stderr.slice(-2000)}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server was not ready in time; stderr: ${stderr.slice(-2000)}`);
    }
    const status = await fetch(`${base}/readyz`).then(
      (response) => response.status,
      // Not listening yet.
      () => 0,
    );
    if (status === 200) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    // The process has ended (its /proc entry is gone).
    return undefined;
  }
}
