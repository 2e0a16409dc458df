/**
 * The topics where a wrong turn can cost a life, or leave a child or a victim of violence without
 * help. Their ids live here, beneath the dialogue, because the knowledge base treats them apart too:
 * no municipality may replace their answers (local-answer-check.ts). The dialogue's handling of
 * them is in bot/dialogue/safety-intents.ts.
 */
export const EMERGENCY_INTENT = 'akut.hjaelp';

/** A worry about a child and violence at home need a person's judgement. */
export const PERSON_AT_ONCE_INTENTS: ReadonlySet<string> = new Set(['underretning', 'vold.naer']);

export function isSafetyIntent(intent: string): boolean {
  return intent === EMERGENCY_INTENT || PERSON_AT_ONCE_INTENTS.has(intent);
}
