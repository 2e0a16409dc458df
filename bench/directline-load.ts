/**
 * Direct Line load test: N concurrent conversations (default 200), each sending M messages
 * (default 5) through the HTTP API of a running server, answers read from the WebSocket stream.
 * Reports messages/s and round-trip latency (post → the bot's first reply to it), for one
 * instance with the in-memory store and with Redis.
 *
 *   npm run bench -- --load [--conversations 200] [--messages 5]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startThrowawayRedis } from '../test/support/throwaway-redis';
import { DEMO_STAFF_FILE } from '../bot/staff/staff-directory';

const QUESTIONS = [
  'jeg har mistet mit pas',
  'hvornår bliver skraldespanden tømt',
  'hvordan melder jeg flytning',
  'skifte læge',
  'åbningstider borgerservice',
];

interface LoadResult {
  readonly messages: number;
  readonly seconds: number;
  readonly latencies: number[];
  readonly failures: number;
}

export async function directLineLoad(conversations: number, messagesEach: number): Promise<string[]> {
  const lines: string[] = [];
  lines.push(report('memory store', await withServer({}, (base) => runLoad(base, conversations, messagesEach))));
  const redis = await startThrowawayRedis();
  try {
    const env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
    };
    lines.push(report('Redis store', await withServer(env, (base) => runLoad(base, conversations, messagesEach))));
  } finally {
    await redis.stop();
  }
  return [
    `Direct Line load: ${conversations} concurrent conversations × ${messagesEach} messages, one instance`,
    ...lines,
  ];
}

function report(label: string, result: LoadResult): string {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return `  ${label.padEnd(13)} ${(result.messages / result.seconds).toFixed(1)} messages/s; round trip median ${at(50).toFixed(0)} ms, p99 ${at(99).toFixed(0)} ms; failures ${result.failures}`;
}

/** Runs the compiled assistant on a free port (rate limits lifted) for the length of `work`. */
export async function withServer<T>(env: NodeJS.ProcessEnv, work: (base: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'bot', 'main.js')], {
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
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)","msg":"assistant ready"/.exec(log);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${errors.slice(-500)}`)));
    });
    return await work(base);
  } finally {
    child.kill('SIGTERM');
  }
}

async function runLoad(base: string, conversations: number, messagesEach: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, n) => {
      try {
        latencies.push(...(await oneConversation(base, messagesEach, n)));
      } catch {
        failures += 1;
      }
    }),
  );
  return { messages: conversations * messagesEach, seconds: (performance.now() - started) / 1000, latencies, failures };
}

async function oneConversation(base: string, messages: number, n: number): Promise<number[]> {
  const issued = (await fetch(`${base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'boegely' }),
  }).then((r) => r.json())) as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' };
  const start = (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers }).then((r) =>
    r.json(),
  )) as { streamUrl: string };
  const ws = new WebSocket(start.streamUrl);
  // A reply can arrive on the stream before the POST's response does: remember replies seen early.
  const waiting = new Map<string, () => void>();
  const answered = new Set<string>();
  ws.on('message', (data: Buffer) => {
    for (const activity of (
      JSON.parse(data.toString()) as { activities: { type: string; replyToId?: string; from: { role?: string } }[] }
    ).activities) {
      if (activity.type !== 'message' || activity.from.role !== 'bot' || !activity.replyToId) continue;
      answered.add(activity.replyToId);
      waiting.get(activity.replyToId)?.();
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < messages; i += 1) {
      const sent = performance.now();
      const posted = (await fetch(`${base}/v3/directline/conversations/${issued.conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          type: 'message',
          text: QUESTIONS[(n + i) % QUESTIONS.length],
          from: { id: `load-${n}` },
        }),
      }).then((r) => r.json())) as { id: string };
      await new Promise<void>((resolve, reject) => {
        if (answered.has(posted.id)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => reject(new Error('no reply in 30 s')), 30_000);
        waiting.set(posted.id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      latencies.push(performance.now() - sent);
    }
  } finally {
    ws.close();
  }
  return latencies;
}
