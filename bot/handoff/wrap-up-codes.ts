import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { WrapUpOutcomeSchema, type WrapUpOutcome } from '../insight/insight-event';

/** The outcomes an agent can give on ending a conversation, as staff and managers read them. */
export const WRAP_UP_OUTCOME_LABELS: Readonly<Record<WrapUpOutcome, string>> = {
  resolved: 'Løst',
  'follow-up': 'Kræver opfølgning',
  referred: 'Henvist videre',
  'not-resolved': 'Ikke løst',
};

/** The label of a stored outcome (an unknown one, from a newer version, as it is). */
export function wrapUpOutcomeLabel(outcome: string): string {
  const known = WrapUpOutcomeSchema.safeParse(outcome);
  return known.success ? WRAP_UP_OUTCOME_LABELS[known.data] : outcome;
}

/** An agent's wrap-up on "Afslut samtale": both parts optional (a busy agent may skip it). */
export const WrapUpSchema = z.strictObject({
  topic: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'topic must be an intent id')
    .optional(),
  outcome: WrapUpOutcomeSchema.optional(),
});
export type WrapUp = z.infer<typeof WrapUpSchema>;

/** The codes the console offers: every topic of the knowledge base (Danish titles, by title) and the outcomes. */
export function wrapUpCodes(knowledge: KnowledgeBase | undefined): {
  topics: { id: string; title: string }[];
  outcomes: { id: WrapUpOutcome; title: string }[];
} {
  const topics = [...(knowledge?.intents.values() ?? [])]
    .map((intent) => ({ id: intent.id, title: intent.title.da }))
    .sort((a, b) => a.title.localeCompare(b.title, 'da'));
  const outcomes = WrapUpOutcomeSchema.options.map((id) => ({ id, title: WRAP_UP_OUTCOME_LABELS[id] }));
  return { topics, outcomes };
}
