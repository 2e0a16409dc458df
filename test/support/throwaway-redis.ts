import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ThrowawayRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server for good and removes its data directory. */
  stop(): Promise<void>;
  /**
   * Stops the server if it runs and starts it again on the same port and directory: with
   * `appendOnly` the data survives, otherwise it starts empty. Also brings a stopped server back.
   */
  restart(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP): connections stay open but nothing is answered, as with a hung
   * server or a black-holed network. Commands sent meanwhile run after resume().
   */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
}

export interface ThrowawayRedisOptions {
  /** Persist to an append-only file in the temp directory, so data survives restart(). */
  readonly appendOnly?: boolean;
}

const STARTUP_TIMEOUT_MS = 10_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * A private redis-server for tests, on a free port with its data in a temp directory. The Redis
 * tests never skip: without redis-server they fail with a message saying what to install.
 */
export async function startThrowawayRedis(options: ThrowawayRedisOptions = {}): Promise<ThrowawayRedis> {
  await assertRedisServerInstalled();
  const port = await findFreePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'throwaway-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    options.appendOnly ? 'yes' : 'no',
    '--dir',
    dir,
    '--loglevel',
    'warning',
  ];
  let server: RunningServer | undefined = await launch(args, port);
  // If jest exits without stop() (a crash, --forceExit), do not leave servers behind.
  const killOnExit = (): void => {
    server?.child.kill('SIGKILL');
  };
  const guardExit = (on: boolean): void => {
    process.off('exit', killOnExit);
    if (on) process.on('exit', killOnExit);
  };
  guardExit(true);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      guardExit(false);
      server?.child.kill('SIGCONT');
      await server?.shutdown();
      server = undefined;
      await rm(dir, { recursive: true, force: true });
    },
    pause() {
      if (!server?.child.kill('SIGSTOP')) throw new Error('throwaway Redis is not running; cannot pause it');
    },
    resume() {
      if (!server?.child.kill('SIGCONT')) throw new Error('throwaway Redis is not running; cannot resume it');
    },
    async restart() {
      // A paused server would never act on SIGTERM.
      server?.child.kill('SIGCONT');
      await server?.shutdown();
      server = undefined;
      // stop() removed it; a restarted server needs somewhere to write.
      await mkdir(dir, { recursive: true });
      server = await launch(args, port);
      guardExit(true);
    },
  };
}

interface RunningServer {
  readonly child: ChildProcess;
  shutdown(): Promise<void>;
}

async function launch(args: readonly string[], port: number): Promise<RunningServer> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Kept for the error message, and read so a chatty server never blocks on a full pipe.
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not start redis-server: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`redis-server exited (code ${code}, signal ${signal})`));
  });

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  // Changed by a callback, so a property: TypeScript would narrow a `let` to its first value.
  const status = { running: true };
  void exited.then(() => {
    status.running = false;
  });
  while (!(await answersPing(port))) {
    if (!status.running || Date.now() > deadline) {
      child.kill('SIGKILL');
      const reason = status.running ? `no PONG within ${STARTUP_TIMEOUT_MS} ms` : await exited;
      throw new Error(`throwaway Redis on port ${port} did not start: ${reason}\n${output}`);
    }
    await delay(50);
  }

  return {
    child,
    async shutdown() {
      if (!status.running) return;
      // SIGTERM lets Redis flush the append-only file, which restart() relies on.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function assertRedisServerInstalled(): Promise<void> {
  const directories = (process.env.PATH ?? '').split(path.delimiter).filter((entry) => entry !== '');
  for (const directory of directories) {
    const candidate = path.join(directory, 'redis-server');
    const executable = await access(candidate, fsConstants.X_OK).then(
      () => true,
      () => false,
    );
    if (executable) return;
  }
  throw new Error(
    'redis-server is not on PATH. The Redis store tests need a real Redis 7 and do not skip: ' +
      'install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).',
  );
}

/** Asks the OS for a free port. Another process could take it before Redis binds; rare enough. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      probe.close(() => (port === undefined ? reject(new Error('no port from listen(0)')) : resolve(port)));
    });
  });
}

/** A raw PING, so waiting for the server needs no Redis client (and none of its reconnect logic). */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const finish = (answered: boolean): void => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1000, () => finish(false));
    // Refused or reset: not up yet, the caller polls again.
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

async function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
