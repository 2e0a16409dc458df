/**
 * Seeded, scripted citizen traffic for the insight figures (issue 12, "done when"): conversations
 * played from a JSONL file of dialogues (`{"id","lang","turns":[{"text",…}]}` a line; by default
 * ../shared/eval/dialogues-dev.jsonl, used here as traffic only), each for a municipality drawn from
 * the profiles, with 👍/👎 on answers and synthetic handoffs: the citizen asks for a person, and then
 * an agent claims and ends the conversation (and the citizen may answer the satisfaction question),
 * or the citizen leaves the queue first, or asks to be called back instead. Everything goes through
 * the real Direct Line endpoint and the staff API of two server instances sharing one throw-away
 * Redis, each message to either instance. The same seed sends the same traffic.
 *
 *   npm run bench -- --only-insight-traffic [--seed 12] [--traffic-conversations 40] [--dialogues FILE]
 *
 * Prints a JSON summary of what was sent, per municipality and in total, for comparing with the
 * insight figures (test/bench/insight-traffic.test.ts).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_STAFF_FILE } from '../bot/staff/staff-directory';
import { alwaysStaffedKnowledge } from '../test/support/always-staffed-knowledge';
import { DirectLineTestClient } from '../test/support/directline-test-server';
import { StaffClient } from '../test/support/staff-client';
import { startThrowawayRedis } from '../test/support/throwaway-redis';
import { startTrafficServers, type TrafficServer } from './traffic-servers';

/** Runs from bench/ (jest, source) and from dist/bench/ (npm run bench): the project root is where package.json is. */
const PROJECT_ROOT =
  [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) =>
    existsSync(path.join(dir, 'package.json')),
  ) ?? path.resolve(__dirname, '..');
export const DEFAULT_DIALOGUES = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dialogues-dev.jsonl');

const DialogueSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(['da', 'en']),
  turns: z.array(z.object({ text: z.string().min(1) })).min(1),
});
type Dialogue = z.infer<typeof DialogueSchema>;

export interface TrafficOptions {
  readonly seed: number;
  readonly conversations: number;
  readonly dialoguesFile: string;
  /** Share of conversations that ask for a person at the end (0..1). */
  readonly handoffShare: number;
  /** Share of answers the citizen rates with 👍/👎, when the answer offers it (0..1). */
  readonly feedbackShare: number;
}

export const DEFAULT_TRAFFIC: TrafficOptions = {
  seed: 12,
  conversations: 40,
  dialoguesFile: DEFAULT_DIALOGUES,
  handoffShare: 0.3,
  feedbackShare: 0.4,
};

type HandoffOutcome = 'claimed' | 'abandoned' | 'callback';
type Satisfaction = 'yes' | 'partly' | 'no';

/** What was sent for one municipality (or in total). */
export interface TrafficFigures {
  conversations: number;
  /** Typed citizen messages: the dialogue's turns, and the callback details. */
  messages: number;
  /** Button clicks: 👍/👎, "talk to a person", leave queue, callback, consent, satisfaction. */
  buttons: number;
  handoffsRequested: number;
  handoffsClaimed: number;
  /** Left the queue (button) before an agent claimed them. */
  handoffsAbandoned: number;
  /** Asked, while waiting in the queue, to be called back instead (which leaves the queue). */
  callbacks: number;
  /**
   * "Talk to a person" clicked but not queued (the dialogue had already queued the citizen, from a
   * typed request in the dialogue): not in handoffsRequested, and nothing further scripted.
   */
  handoffsNotQueued: number;
  feedbackUp: number;
  feedbackDown: number;
  satisfaction: Record<Satisfaction, number>;
}

export interface TrafficSummary {
  readonly seed: number;
  readonly dialoguesFile: string;
  /** First and last citizen message (ISO), so the figures can be asked for the right days. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly instances: number;
  readonly totals: TrafficFigures;
  readonly byMunicipality: Record<string, TrafficFigures>;
  /** Conversation ids per municipality, for checks against raw events. */
  readonly conversationIds: Record<string, string[]>;
}

/** One conversation's script, drawn up front from the seed, so the traffic does not depend on timing. */
interface ConversationPlan {
  readonly dialogue: Dialogue;
  readonly municipality: string;
  /** Which instance (0 or 1) each post goes to, drawn per post from this conversation's own stream. */
  readonly random: () => number;
  /** Per turn: rate the answer (if it offers 👍/👎), and how. */
  readonly feedback: readonly ('up' | 'down' | undefined)[];
  readonly handoff: HandoffOutcome | undefined;
  readonly satisfaction: Satisfaction | undefined;
}

/** mulberry32: small, fast and good enough to script traffic; the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function readDialogues(file: string): Promise<Dialogue[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    const parsed = DialogueSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: not a dialogue: ${parsed.error.message}`);
    return parsed.data;
  });
}

export function planTraffic(
  dialogues: readonly Dialogue[],
  municipalities: readonly string[],
  options: TrafficOptions,
): ConversationPlan[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  return Array.from({ length: options.conversations }, () => {
    const dialogue = pick(dialogues);
    const municipality = pick(municipalities);
    const feedback = dialogue.turns.map(() =>
      random() < options.feedbackShare ? (random() < 0.7 ? ('up' as const) : ('down' as const)) : undefined,
    );
    const handoffDraw = random();
    const handoff: HandoffOutcome | undefined =
      random() < options.handoffShare
        ? handoffDraw < 0.5
          ? 'claimed'
          : handoffDraw < 0.75
            ? 'abandoned'
            : 'callback'
        : undefined;
    const satisfactionDraw = random();
    const satisfaction: Satisfaction | undefined =
      handoff === 'claimed' && satisfactionDraw < 0.75
        ? satisfactionDraw < 0.45
          ? 'yes'
          : satisfactionDraw < 0.6
            ? 'partly'
            : 'no'
        : undefined;
    return {
      dialogue,
      municipality,
      random: seededRandom(Math.floor(random() * 2 ** 32)),
      feedback,
      handoff,
      satisfaction,
    };
  });
}

function emptyFigures(): TrafficFigures {
  return {
    conversations: 0,
    messages: 0,
    buttons: 0,
    handoffsRequested: 0,
    handoffsClaimed: 0,
    handoffsAbandoned: 0,
    callbacks: 0,
    handoffsNotQueued: 0,
    feedbackUp: 0,
    feedbackDown: 0,
    satisfaction: { yes: 0, partly: 0, no: 0 },
  };
}

/**
 * Starts Redis and two instances, plays the traffic, and (before stopping them) hands the servers,
 * the summary and Redis's address to `inspect`, so a test can compare the figures the servers
 * report with each other and with the events kept.
 */
export async function insightTraffic<T = undefined>(
  options: TrafficOptions = DEFAULT_TRAFFIC,
  inspect?: (servers: readonly TrafficServer[], summary: TrafficSummary, redisUrl: string) => Promise<T>,
): Promise<{ summary: TrafficSummary; inspected: T | undefined }> {
  const dialogues = await readDialogues(options.dialoguesFile);
  const knowledge = await alwaysStaffedKnowledge(path.join(PROJECT_ROOT, 'knowledge'));
  const redis = await startThrowawayRedis();
  try {
    const municipalities = (await readdir(path.join(knowledge.directory, 'municipalities')))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.replace(/\.yaml$/, ''))
      .sort();
    const plans = planTraffic(dialogues, municipalities, options);
    const servers = await startTrafficServers(2, path.join(PROJECT_ROOT, 'dist', 'bot', 'main.js'), {
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: 'insight-traffic-secret-0123456789abcdef',
      // Shared by both instances, as a deployment must: a conversation moving between them stays one.
      INSIGHT_HASH_SECRET: 'insight-traffic-hash-secret-0123456789abcdef',
      STAFF_ACCOUNTS_FILE: DEMO_STAFF_FILE,
      KNOWLEDGE_DIR: knowledge.directory,
    });
    try {
      const summary = await play(plans, servers, options);
      return { summary, inspected: inspect ? await inspect(servers, summary, redis.url) : undefined };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await redis.stop();
    await knowledge.remove();
  }
}

async function play(
  plans: readonly ConversationPlan[],
  servers: readonly TrafficServer[],
  options: TrafficOptions,
): Promise<TrafficSummary> {
  const [a, b] = servers;
  if (!a || !b) throw new Error('two instances are needed');
  // The agent works on the other instance than most citizens would reach first: claims cross instances.
  const agent = new StaffClient(b.url);
  await agent.signIn('sofie', 'demo-sofie');
  // Her console is open all along: an agent without one is not on duty, and the sweeper would hand
  // a conversation she holds back to the queue between her claim and her "Afslut".
  const closeConsole = await agent.openConsole();
  try {
    return await playAs(agent, plans, servers, options);
  } finally {
    closeConsole();
  }
}

async function playAs(
  agent: StaffClient,
  plans: readonly ConversationPlan[],
  servers: readonly TrafficServer[],
  options: TrafficOptions,
): Promise<TrafficSummary> {
  const byMunicipality: Record<string, TrafficFigures> = {};
  const conversationIds: Record<string, string[]> = {};
  const totals = emptyFigures();
  const startedAt = new Date().toISOString();
  for (const plan of plans) {
    const figures = (byMunicipality[plan.municipality] ??= emptyFigures());
    const count = (update: (f: TrafficFigures) => void) => {
      update(figures);
      update(totals);
    };
    const citizen = new Citizen(
      servers.map((s) => new DirectLineTestClient(s.url)),
      plan.random,
    );
    await citizen.start(plan.municipality, plan.dialogue.lang === 'en' ? 'en-GB' : 'da-DK');
    (conversationIds[plan.municipality] ??= []).push(citizen.conversationId);
    count((f) => (f.conversations += 1));
    for (const [index, turn] of plan.dialogue.turns.entries()) {
      const replies = await citizen.say({ text: turn.text });
      count((f) => (f.messages += 1));
      const rating = plan.feedback[index];
      const button = rating
        ? buttonIn(replies, (v) => v.action === 'feedback' && v.helpful === (rating === 'up'))
        : undefined;
      if (button) {
        await citizen.say({ value: button });
        count((f) => {
          f.buttons += 1;
          if (rating === 'up') f.feedbackUp += 1;
          else f.feedbackDown += 1;
        });
      }
    }
    if (plan.handoff) {
      const replies = await citizen.say({ value: { action: 'handoff' } });
      if (!replies.some((r) => r.type === 'event' && r.name === 'handoff.initiate')) {
        // Not queued now: e.g. a turn of the dialogue itself already asked for a person. Reported, not scripted on.
        count((f) => {
          f.buttons += 1;
          f.handoffsNotQueued += 1;
        });
      } else if (plan.handoff === 'claimed') {
        count((f) => {
          f.buttons += 1;
          f.handoffsRequested += 1;
        });
        await expectOk(agent.post(`/conversations/${citizen.conversationId}/claim`), 'claim');
        await expectOk(agent.post(`/conversations/${citizen.conversationId}/end`), 'end');
        count((f) => (f.handoffsClaimed += 1));
        if (plan.satisfaction) {
          const answer = plan.satisfaction;
          const question = await citizen.waitForButton((v) => v.action === 'satisfaction' && v.answer === answer);
          await citizen.say({ value: question });
          count((f) => {
            f.buttons += 1;
            f.satisfaction[answer] += 1;
          });
        }
      } else if (plan.handoff === 'abandoned') {
        count((f) => {
          f.buttons += 1;
          f.handoffsRequested += 1;
        });
        await citizen.say({ value: { action: 'leave-queue' } });
        count((f) => {
          f.buttons += 1;
          f.handoffsAbandoned += 1;
        });
      } else {
        count((f) => {
          f.buttons += 1;
          f.handoffsRequested += 1;
        });
        await citizen.say({ value: { action: 'callback' } });
        await citizen.say({ value: { action: 'callback-consent', given: true } });
        const saved = await citizen.say({ text: 'Ring til mig på 20 30 40 50 om min sag' });
        if (!saved.some((r) => r.type === 'event' || (r.text ?? '').includes('50'))) {
          throw new Error(`conversation ${citizen.conversationId}: the callback was not saved`);
        }
        count((f) => {
          f.buttons += 2;
          f.messages += 1;
          f.callbacks += 1;
        });
      }
    }
  }
  return {
    seed: options.seed,
    dialoguesFile: options.dialoguesFile,
    startedAt,
    endedAt: new Date().toISOString(),
    instances: servers.length,
    totals,
    byMunicipality,
    conversationIds,
  };
}

type Activity = Awaited<ReturnType<DirectLineTestClient['activities']>>['activities'][number];
type ButtonValue = Record<string, unknown>;

function buttonValues(activities: readonly Activity[]): ButtonValue[] {
  return activities.flatMap((activity) =>
    (activity.suggestedActions?.actions ?? []).flatMap((action) =>
      typeof action.value === 'object' && action.value !== null ? [action.value as ButtonValue] : [],
    ),
  );
}

function buttonIn(activities: readonly Activity[], wanted: (value: ButtonValue) => boolean): ButtonValue | undefined {
  return buttonValues(activities).find(wanted);
}

async function expectOk(response: Promise<Response>, what: string): Promise<void> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${what}: ${settled.status} ${await settled.text()}`);
}

/** One citizen's conversation, each post to an instance drawn from the conversation's own random stream. */
class Citizen {
  constructor(
    private readonly clients: readonly DirectLineTestClient[],
    private readonly random: () => number,
  ) {}

  get conversationId(): string {
    return this.first().conversationId;
  }

  private first(): DirectLineTestClient {
    const client = this.clients[0];
    if (!client) throw new Error('no instance');
    return client;
  }

  private any(): DirectLineTestClient {
    return this.clients[Math.floor(this.random() * this.clients.length)] ?? this.first();
  }

  async start(municipality: string, locale: string): Promise<void> {
    await this.first().start(municipality, locale);
    for (const client of this.clients) {
      client.token = this.first().token;
      client.conversationId = this.first().conversationId;
    }
  }

  /** Posts a message or a button's value and returns the bot's activities in reply to it. */
  async say(message: { text?: string; value?: unknown }): Promise<Activity[]> {
    const response = await this.any().post({ type: 'message', from: { id: 'citizen' }, ...message });
    if (response.status !== 200) throw new Error(`post: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    return this.waitFor((log) => {
      const replies = log.filter((a) => a.from.role === 'bot' && a.replyToId === id);
      // A reply is several activities: settled once a message is among them and the log has stopped growing.
      return replies.some((a) => a.type === 'message') ? replies : undefined;
    });
  }

  /** Waits until the conversation shows a button whose value matches (e.g. the satisfaction question). */
  async waitForButton(wanted: (value: ButtonValue) => boolean): Promise<ButtonValue> {
    return this.waitFor((log) => buttonIn(log, wanted));
  }

  private async waitFor<T>(found: (log: Activity[]) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    let previous: { length: number; result: T } | undefined;
    for (;;) {
      const log = (await this.any().activities()).activities;
      const result = found(log);
      if (result !== undefined) {
        if (previous?.length === log.length) return previous.result;
        previous = { length: log.length, result };
      } else previous = undefined;
      if (Date.now() > until) throw new Error(`conversation ${this.conversationId}: nothing within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }
}
