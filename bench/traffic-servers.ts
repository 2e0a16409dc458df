import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface TrafficServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  stop(): Promise<void>;
}

const READY = /"url":"(http:\/\/[^"]+)","msg":"assistant ready"/;

/**
 * Starts `count` compiled servers (`npm run build` first) on free ports with the same settings and
 * rate limits lifted (the traffic comes from one address); resolves once each logs "assistant ready".
 * If one fails, those started are stopped.
 */
export async function startTrafficServers(
  count: number,
  mainScript: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 300_000,
): Promise<TrafficServer[]> {
  if (!existsSync(mainScript)) throw new Error(`${mainScript} does not exist: run \`npm run build\` first`);
  // One after the other: the first trains and publishes the knowledge to Redis, the next loads that
  // version's model instead of training again (on a busy machine, parallel training can take minutes).
  const running: TrafficServer[] = [];
  try {
    for (let n = 0; n < count; n += 1) running.push(await startOne(mainScript, env, timeoutMs));
  } catch (error) {
    await Promise.all(running.map((s) => s.stop()));
    throw error;
  }
  return running;
}

function startOne(mainScript: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<TrafficServer> {
  const child = spawn(process.execPath, [mainScript], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '10000',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<TrafficServer>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`a server was not ready within ${timeoutMs} ms: ${log.slice(-1000)}`));
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      // Only the tail is kept: enough for the ready line and an error message.
      log = (log + chunk.toString()).slice(-20_000);
      const match = READY.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        drain(child);
        resolve({ url: match[1].replace(/\/$/, ''), stop });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a server exited with ${String(code)} before it was ready: ${log.slice(-1000)}`));
    });
  });
}

/** Once ready, its log is read and dropped, so a chatty server never blocks on a full pipe. */
function drain(child: ChildProcess): void {
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
}
