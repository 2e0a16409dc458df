/**
 * Knowledge switch under load (issue 11): two instances on one throw-away Redis, Direct Line
 * conversations posting at a steady rate (default 60 messages/s) spread over both; a version with
 * a changed answer, then one with a changed training sentence too, is published through the
 * stores and the announcer, as the studio does. Reports
 * (a) the time from the version being stored and announced to each instance answering with the
 * new text, (b) failed and lost messages (every post must get a reply, none twice), (c) the
 * longest main-thread stall at the switch, as each instance logs it, and the round trips around it.
 *
 *   npm run bench -- --only-switch [--rate 60] [--seconds 24]
 *
 * Training is not part of (a): the changed answer leaves the training sentences as they were, so
 * the model stored for version 1 is stored again under version 2's fingerprint, as the studio's
 * training would. Training time is the "worker thread" figure of the classifier benchmark.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createRedisClients } from '../bot/storage/redis-connection';
import { DEMO_STAFF_FILE } from '../bot/staff/staff-directory';
import { RedisKnowledgeAnnouncer } from '../bot/studio/redis-knowledge-announcer';
import { RedisKnowledgeVersionStore } from '../bot/studio/redis-knowledge-version-store';
import { RedisModelExportStore } from '../bot/studio/redis-model-export-store';
import { fingerprintOf } from '../knowledge/knowledge-files';
import { startThrowawayRedis } from '../test/support/throwaway-redis';

const PASSPORT = 'Hvordan bestiller jeg et nyt pas?';
// Each changes the topic, so the passport question is answered in full each time (not "as I just said").
const OTHERS = [
  'hvornår bliver skraldespanden tømt',
  'hvordan melder jeg flytning',
  'skifte læge',
  'hvornår har borgerservice åbent',
];
const OLD_ANSWER = 'Du søger om pas i Borgerservice.';
/** Version 2 changes the answer only; version 3 also adds a training sentence, so the model must be imported. */
const CHANGES = [
  { answer: 'Du søger om pas i Borgerservice (version to).', training: false },
  { answer: 'Du søger om pas i Borgerservice (version tre).', training: true },
] as const;
const CONVERSATIONS = 20;

interface Instance {
  readonly name: string;
  readonly base: string;
  readonly log: () => string;
  stop(): void;
}

interface Post {
  readonly instance: string;
  readonly text: string;
  readonly sentAt: number;
  id?: string;
  failed?: string;
  replies: number;
  repliedAt?: number;
  replyText?: string;
}

export async function knowledgeSwitch(rate: number, seconds: number): Promise<string[]> {
  const redis = await startThrowawayRedis();
  const instances: Instance[] = [];
  try {
    const env = {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
    };
    // The first seeds version 1 and trains; the second starts on its stored model.
    instances.push(await startInstance('A', env));
    instances.push(await startInstance('B', env));
    const posts: Post[] = [];
    const stopAt = { time: Number.POSITIVE_INFINITY };
    const loadStarted = performance.now();
    const conversations = Array.from({ length: CONVERSATIONS }, (_, n) =>
      converse(instances[n % 2] as Instance, n, rate / CONVERSATIONS, posts, stopAt),
    );
    const announced: number[] = [];
    for (const change of CHANGES) {
      await new Promise((resolve) => setTimeout(resolve, (seconds / (CHANGES.length + 1)) * 1000));
      announced.push(await publishChange(redis.url, change));
    }
    await new Promise((resolve) => setTimeout(resolve, (seconds / (CHANGES.length + 1)) * 1000));
    stopAt.time = performance.now();
    await Promise.all(conversations);
    return report(posts, instances, announced, rate, (stopAt.time - loadStarted) / 1000);
  } finally {
    for (const instance of instances) instance.stop();
    await redis.stop();
  }
}

/**
 * Publishes the newest version with the passport answer changed (and a training sentence added).
 * The model stored for the version before is stored again under the new fingerprint: with a
 * changed training sentence it is not the model training would give, but it is the same size, so
 * the instances' import costs what a real one does, without a minute of training in the bench.
 */
async function publishChange(url: string, change: (typeof CHANGES)[number]): Promise<number> {
  const { client, subscriber } = await createRedisClients(url);
  const announcer = new RedisKnowledgeAnnouncer({ client, subscriber });
  try {
    const versions = new RedisKnowledgeVersionStore({ client });
    const models = new RedisModelExportStore({ client });
    const latest = await versions.latest();
    const model = latest ? await models.get(latest.fingerprint) : undefined;
    if (!latest || !model) throw new Error('the newest version or its model is missing');
    const original = (await versions.get(1))?.files['intents/pas.bestil.yaml'] ?? '';
    let passport = original.replace(OLD_ANSWER, change.answer);
    if (change.training)
      passport = passport.replace('training:\n  da:\n', 'training:\n  da:\n    - jeg skal bruge et pas til ferien\n');
    if (passport === original || (change.training && !passport.includes('til ferien')))
      throw new Error('intents/pas.bestil.yaml no longer has the text the bench changes');
    const files = { ...latest.files, 'intents/pas.bestil.yaml': passport };
    await models.put({ ...model, fingerprint: fingerprintOf(files) });
    const next = await versions.publish({ files, author: 'bench', comment: 'changed answer' }, latest.number);
    await announcer.announce({ number: next.number, fingerprint: next.fingerprint });
    return performance.now();
  } finally {
    await announcer.close();
    await client.quit();
  }
}

function report(posts: Post[], instances: Instance[], announced: number[], rate: number, seconds: number): string[] {
  const sent = posts.length;
  const failed = posts.filter((p) => p.failed).length;
  const lost = posts.filter((p) => !p.failed && p.replies === 0).length;
  const twice = posts.filter((p) => p.replies > 1).length;
  const lines = [
    `Knowledge switch under load: 2 instances on one Redis, ${CONVERSATIONS} conversations, ${sent} messages in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(1)}/s, target ${rate}/s)`,
    `  failed posts ${failed}, posts without a reply ${lost}, posts answered more than once ${twice}`,
  ];
  CHANGES.forEach((change, index) => {
    const at = announced[index] as number;
    lines.push(
      `  version ${index + 2}: ${change.training ? 'answer and a training sentence changed' : 'answer changed'}`,
    );
    for (const instance of instances) {
      const passport = posts
        .filter((p) => p.instance === instance.name && p.text === PASSPORT && p.repliedAt !== undefined)
        .sort((a, b) => (a.repliedAt as number) - (b.repliedAt as number));
      const firstNew = passport.find((p) => p.replyText?.includes(change.answer) && (p.repliedAt as number) > at);
      // An earlier version's answer after the first reply with the new one. (Replies without any
      // answer text are fine: asked again on the same topic, the assistant gives the steps instead.)
      const older = [OLD_ANSWER, ...CHANGES.slice(0, index).map((c) => c.answer)];
      const notYetPosts = firstNew
        ? passport.filter(
            (p) =>
              p.sentAt > (firstNew.repliedAt as number) &&
              p.sentAt < (announced[index + 1] ?? Number.POSITIVE_INFINITY) &&
              older.some((answer) => p.replyText?.includes(answer)),
          )
        : [];
      const notYet = `${notYetPosts.length}${notYetPosts[0] ? ` (e.g. ${JSON.stringify(notYetPosts[0].replyText?.slice(0, 60))}, ${((notYetPosts[0].repliedAt as number) - notYetPosts[0].sentAt).toFixed(0)} ms)` : ''}`;
      const switches = [
        ...instance
          .log()
          .matchAll(/"version":(\d+)[^\n]*"modelImported":(true|false),"ms":(\d+),"longestStallMs":(\d+)/g),
      ];
      const logged = switches.find((m) => Number(m[1]) === index + 2);
      const roundTrips = (from: number, to: number) =>
        posts
          .filter((p) => p.instance === instance.name && p.repliedAt !== undefined)
          .filter((p) => p.sentAt > at + from && p.sentAt < at + to)
          .map((p) => (p.repliedAt as number) - p.sentAt)
          .sort((a, b) => a - b);
      const around = roundTrips(-1000, 3000);
      const before = roundTrips(-4000, -1000);
      const quantile = (q: number, sorted: number[]) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      lines.push(
        `    ${instance.name}: new answer ${firstNew ? `${((firstNew.repliedAt as number) - at).toFixed(0)} ms` : 'NEVER'} after the announcement` +
          ` (switch ${logged?.[3] ?? '?'} ms in the instance, model ${logged?.[2] === 'true' ? 'imported' : 'kept'}); an older answer after that: ${notYet};` +
          ` longest main-thread stall at the switch ${logged?.[4] ?? '?'} ms;` +
          ` round trips 1 s before to 3 s after: median ${quantile(0.5, around).toFixed(0)} ms, max ${(around[around.length - 1] ?? 0).toFixed(0)} ms` +
          ` (4 to 1 s before: median ${quantile(0.5, before).toFixed(0)} ms, max ${(before[before.length - 1] ?? 0).toFixed(0)} ms)`,
      );
    }
  });
  return lines;
}

/** One conversation on one instance: posts every 1/`perSecond` s until told to stop, counting replies per post. */
async function converse(instance: Instance, n: number, perSecond: number, posts: Post[], stopAt: { time: number }) {
  const issued = (await fetch(`${instance.base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'boegely' }),
  }).then((r) => r.json())) as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' };
  const started = (await fetch(`${instance.base}/v3/directline/conversations`, { method: 'POST', headers }).then((r) =>
    r.json(),
  )) as { streamUrl: string };
  const byId = new Map<string, Post>();
  const early = new Map<string, { at: number; text: string; count: number }>();
  const ws = new WebSocket(started.streamUrl);
  const seen = new Set<string>();
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const { activities } = JSON.parse(data.toString()) as {
      activities: { id: string; type: string; text?: string; replyToId?: string; from: { role?: string } }[];
    };
    for (const activity of activities) {
      if (activity.type !== 'message' || activity.from.role !== 'bot' || !activity.replyToId) continue;
      if (seen.has(activity.id)) continue;
      seen.add(activity.id);
      const post = byId.get(activity.replyToId);
      // The bot may send several activities for one reply: a reply is counted once per post, and
      // a second reply is one whose activities arrive after another message was answered.
      if (post) record(post, activity.text ?? '');
      else {
        const entry = early.get(activity.replyToId) ?? { at: performance.now(), text: '', count: 0 };
        entry.text += activity.text ?? '';
        early.set(activity.replyToId, entry);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const interval = 1000 / perSecond;
  const pending: Promise<void>[] = [];
  for (let i = 0; performance.now() < stopAt.time; i += 1) {
    const text = i % 2 === 0 ? PASSPORT : (OTHERS[(n + i) % OTHERS.length] as string);
    const post: Post = { instance: instance.name, text, sentAt: performance.now(), replies: 0 };
    posts.push(post);
    pending.push(
      fetch(`${instance.base}/v3/directline/conversations/${issued.conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text, from: { id: `bench-${n}` } }),
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          post.id = ((await response.json()) as { id: string }).id;
          byId.set(post.id, post);
          const arrived = early.get(post.id);
          if (arrived) {
            post.repliedAt = arrived.at;
            post.replyText = arrived.text;
            post.replies = 1;
          }
        })
        .catch((error: unknown) => {
          post.failed = error instanceof Error ? error.message : String(error);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, post.sentAt + interval - performance.now())));
  }
  await Promise.all(pending);
  // Replies still on their way: wait until every post has one, or 30 s.
  const deadline = performance.now() + 30_000;
  while (
    posts.some((p) => p.instance === instance.name && !p.failed && p.replies === 0 && byId.has(p.id ?? '')) &&
    performance.now() < deadline
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 500));
  ws.close();
}

function record(post: Post, text: string): void {
  const now = performance.now();
  if (post.repliedAt === undefined) {
    post.repliedAt = now;
    post.replyText = text;
    post.replies = 1;
  } else if (now - post.repliedAt < 1000) {
    post.replyText = `${post.replyText ?? ''}${text}`; // another activity of the same reply
  } else post.replies += 1;
}

async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
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
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)","msg":"assistant ready"/.exec(log);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`instance ${name} exited with ${code}: ${log.slice(-500)}`)));
  });
  return { name, base, log: () => log, stop: () => child.kill('SIGTERM') };
}
