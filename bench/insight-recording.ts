/**
 * What recording insight events costs a citizen's turn (issue 12, target < 0.2 ms median): the
 * same turns through the real dialogue (a stub classifier, so the model's time does not drown the
 * difference) without insight, with the in-memory store and with Redis (a throw-away server),
 * interleaved turn by turn so that drift hits all three alike. The recorder writes in the
 * background; its work shares the event loop with the turns and is counted in their time.
 */
import { performance } from 'node:perf_hooks';
import { AssistantDialogue } from '../bot/dialogue/assistant-dialogue';
import { initialDialogueState, type DialogueState } from '../bot/dialogue/dialogue-state';
import { ConversationHash } from '../bot/insight/conversation-hash';
import { InMemoryInsightStore } from '../bot/insight/in-memory-insight-store';
import { InsightRecorder } from '../bot/insight/insight-recorder';
import type { InsightStore } from '../bot/insight/insight-store';
import { RedisInsightStore } from '../bot/insight/redis-insight-store';
import { createLogger } from '../bot/runtime/logger';
import { createRedisClients } from '../bot/storage/redis-connection';
import { stubKnowledgeSource } from '../test/support/stub-knowledge-source';
import { startThrowawayRedis } from '../test/support/throwaway-redis';

const WARM_UP = 300;

export async function insightRecording(turns = 3000): Promise<string[]> {
  const source = await stubKnowledgeSource(() => ({ kind: 'answer', intent: 'pas.bestil', score: 0.9 }));
  const logger = createLogger('warn');
  const redis = await startThrowawayRedis();
  const { client, subscriber } = await createRedisClients(redis.url);
  subscriber.disconnect();
  try {
    const memory = new InMemoryInsightStore();
    const shared = new RedisInsightStore({ client, aggregateRetentionDays: 1830 });
    const variants: { name: string; store?: InsightStore; recorder?: InsightRecorder; times: number[] }[] = [
      { name: 'none', times: [] },
      { name: 'in memory', store: memory, times: [] },
      { name: 'Redis', store: shared, times: [] },
    ];
    const hash = new ConversationHash('bench-secret-0123456789abcdef-0123456789');
    const dialogues = variants.map((variant) => {
      if (variant.store) variant.recorder = new InsightRecorder(variant.store, hash, logger);
      return new AssistantDialogue({
        live: source,
        defaultMunicipalityId: 'boegely',
        maxMessageLength: 2000,
        ...(variant.recorder ? { insight: variant.recorder } : {}),
      });
    });
    const state: DialogueState = { ...initialDialogueState(), municipalityId: 'boegely' };
    for (let i = 0; i < WARM_UP + turns; i += 1) {
      for (const [index, variant] of variants.entries()) {
        const dialogue = dialogues[index];
        if (!dialogue) continue;
        // A new conversation every ten turns, as citizens ask a few questions each.
        const incoming = {
          conversationId: `bench-${Math.floor(i / 10)}`,
          text: 'pas',
          activityId: `a${i}`,
          channel: 'webchat',
        };
        const started = performance.now();
        await dialogue.handle(state, incoming);
        if (i >= WARM_UP) variant.times.push(performance.now() - started);
      }
    }
    for (const variant of variants) await variant.recorder?.flush();
    const base = median(variants[0]?.times ?? []);
    const lines = [
      `insight recording (${turns} turns each, the dialogue with a stub classifier; median turn without: ${base.toFixed(3)} ms):`,
    ];
    for (const variant of variants.slice(1)) {
      const recorded = await countMessages(variant.store);
      lines.push(
        `  recording an event adds ${(median(variant.times) - base).toFixed(3)} ms median to a turn (${variant.name}; ` +
          `p99 turn ${percentile(variant.times, 99).toFixed(3)} ms vs ${percentile(variants[0]?.times ?? [], 99).toFixed(3)} ms; ` +
          `${recorded} of ${WARM_UP + turns} turns counted)`,
      );
    }
    return lines;
  } finally {
    client.disconnect();
    await redis.stop();
  }
}

/** Messages the store counted today and yesterday (the run may cross midnight). */
async function countMessages(store: InsightStore | undefined): Promise<number> {
  if (!store) return 0;
  const now = Date.now();
  const days = [now - 24 * 3600_000, now].map((t) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(t)),
  );
  const aggregates = await store.aggregates(['boegely'], [...new Set(days)]);
  return aggregates.reduce((sum, a) => sum + (a.fields.messages ?? 0), 0);
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
