import { randomUUID } from 'node:crypto';
import type { InsightEvent } from '../../bot/insight/insight-event';

type Without<E> = E extends InsightEvent ? Omit<E, 'id' | 'conversation' | 'municipalityId'> : never;

/** A made-up conversation hash (32 hex digits), one per name. */
export function conversationNamed(name: string): string {
  return Buffer.from(name.padEnd(16, '.').slice(0, 16)).toString('hex');
}

/** An event for tests: a fresh id unless given, municipality Bøgely unless given. */
export function insightEvent(
  fields: Without<InsightEvent>,
  options: { conversation?: string; municipalityId?: string; id?: string } = {},
): InsightEvent {
  return {
    id: options.id ?? `test:${randomUUID()}`,
    conversation: options.conversation ?? conversationNamed('anyone'),
    municipalityId: options.municipalityId ?? 'boegely',
    ...fields,
  };
}

/** A citizen's message answered with `intent`. */
export function answeredTurn(
  at: string,
  intent = 'pas.bestil',
): Omit<Extract<InsightEvent, { kind: 'turn' }>, 'id' | 'conversation' | 'municipalityId'> {
  return {
    kind: 'turn',
    at,
    language: 'da',
    channel: 'webchat',
    decision: 'answer',
    intent,
    confidence: 'high',
    guideOffered: false,
  };
}
