import type { Classification } from '../../intents/intent-classifier';
import { EMERGENCY_INTENT } from '../../knowledge/safety-topics';

/**
 * Topics where a wrong turn can cost a life, or leave a child or a victim of violence without help.
 * They are kept in one place because the dialogue treats them unlike every other topic:
 *
 * - The emergency answer (112, lægevagten/1813, Livslinien) is never hidden behind "Mente du …?"
 *   and never replaced by a fallback: a citizen in danger must not have to click or rephrase, and
 *   showing the numbers to someone who did not need them costs little. Its reply is the numbers and
 *   nothing else: no feedback question, no related topics, no notice before it.
 * - A worry about a child and violence at home need a person's judgement, so their answer carries
 *   the "talk to a person" button itself, and asks no "Hjalp svaret?" that would push it aside.
 *
 * Their ids are in knowledge/safety-topics.ts, because the knowledge base also refuses local
 * overrides of their answers.
 */
export { EMERGENCY_INTENT, isSafetyIntent, PERSON_AT_ONCE_INTENTS } from '../../knowledge/safety-topics';

/**
 * Whether the emergency answer must be given instead of what the classifier decided: when it
 * answered it, when a "Mente du …?" would offer it, or when a fallback's best guess is it.
 */
export function callsForEmergencyAnswer(classification: Pick<Classification, 'decision' | 'ranked'>): boolean {
  const { decision, ranked } = classification;
  switch (decision.kind) {
    case 'answer':
      return decision.intent === EMERGENCY_INTENT;
    case 'clarify':
      return decision.intents.includes(EMERGENCY_INTENT);
    case 'fallback':
      return ranked[0]?.intent === EMERGENCY_INTENT;
  }
}
