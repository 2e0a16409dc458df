import type { RankedIntent } from '../../intents/ranked-intent';
import { NONE_INTENT } from '../../intents/training-corpus';
import { EMERGENCY_INTENT, PERSON_AT_ONCE_INTENTS } from './safety-intents';

/**
 * Lowest score for a topic to be offered as a button after "Det kan jeg desværre ikke svare på".
 * Below the "Mente du …?" threshold on purpose: the citizen has been told the assistant did not
 * understand, and a likely area to click beats rephrasing. Scores under it are noise (a weather
 * question's runners-up).
 */
export const MIN_LIKELY_TOPIC_SCORE = 0.15;
export const MAX_LIKELY_TOPICS = 3;

/**
 * The topics to offer when the assistant cannot answer, best first. `offerable` says whether an
 * intent is a topic at all (conversation intents such as "hej" are not). Never the emergency answer
 * (it is given, not offered: safety-intents.ts), and a worry about a child or violence at home only
 * when it is the best guess, so that no citizen is shown it as a stray suggestion.
 */
export function likelyTopics(ranked: readonly RankedIntent[], offerable: (intent: string) => boolean): string[] {
  const candidates = ranked.filter(
    ({ intent, score }) =>
      score >= MIN_LIKELY_TOPIC_SCORE && intent !== NONE_INTENT && intent !== EMERGENCY_INTENT && offerable(intent),
  );
  return candidates
    .filter(({ intent }, index) => index === 0 || !PERSON_AT_ONCE_INTENTS.has(intent))
    .slice(0, MAX_LIKELY_TOPICS)
    .map(({ intent }) => intent);
}
