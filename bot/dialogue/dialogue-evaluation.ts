import { z } from 'zod';
import { readJsonLines } from '../../intents/evaluation/labelled-message';
import { NONE_INTENT } from '../../intents/training-corpus';
import { AnswerFacetSchema, type AnswerFacet } from '../../knowledge/answer-facet';
import { LanguageSchema } from '../../text/language';
import { AssistantDialogue, type TurnEvent } from './assistant-dialogue';
import { initialDialogueState } from './dialogue-state';
import type { KnowledgeSource } from './live-knowledge';

/**
 * One labelled conversation: `{"id","lang","turns":[{"text","intent","facet"?}]}`, each turn
 * labelled as a human agent would understand it in context.
 */
export const LabelledDialogueSchema = z.object({
  id: z.string().min(1),
  lang: LanguageSchema,
  turns: z
    .array(z.object({ text: z.string().min(1), intent: z.string().min(1), facet: AnswerFacetSchema.optional() }))
    .min(1),
});
export type LabelledDialogue = z.infer<typeof LabelledDialogueSchema>;

export function readLabelledDialogues(file: string): Promise<LabelledDialogue[]> {
  return readJsonLines(file, LabelledDialogueSchema, 'dialogues');
}

export interface TurnPrediction {
  readonly text: string;
  readonly expected: string;
  /** The intent answered; the first one offered when it asked "Mente du …?"; "None" when it answered from no intent. */
  readonly predicted: string;
  readonly expectedFacet: AnswerFacet | null;
  readonly predictedFacet: AnswerFacet | null;
}

export interface DialogueEvaluationReport {
  readonly dialogues: { readonly id: string; readonly turns: TurnPrediction[] }[];
  readonly turns: number;
  /** Share of all turns whose predicted intent is the labelled one ("None" included). */
  readonly turnAccuracy: number;
  /** The same for the turns after each conversation's first: the ones that need context. */
  readonly followUpAccuracy: number;
  /** Share of the turns labelled with a facet whose predicted facet is that facet. */
  readonly facetAccuracy: number;
  /** Share of the turns labelled without a facet that were answered with one anyway. */
  readonly facetFalseAlarms: number;
}

/**
 * Runs each conversation through the assistant's real dialogue (no staffed queue), turn by turn
 * with its state, one minute apart, and reads what it understood from the turn events.
 */
export async function evaluateDialogues(
  live: KnowledgeSource,
  dialogues: readonly LabelledDialogue[],
  municipalityId: string,
): Promise<DialogueEvaluationReport> {
  const results: DialogueEvaluationReport['dialogues'] = [];
  for (const labelled of dialogues) {
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const events: TurnEvent[] = [];
    const dialogue = new AssistantDialogue({
      live,
      defaultMunicipalityId: municipalityId,
      maxMessageLength: 2000,
      now: () => new Date(clock),
      onTurn: (event) => events.push(event),
    });
    const locale = labelled.lang === 'en' ? 'en-GB' : 'da-DK';
    const conversationId = `eval-${labelled.id}`;
    let { state } = dialogue.welcome(initialDialogueState(), { locale, municipalityId });
    const turns: TurnPrediction[] = [];
    for (const turn of labelled.turns) {
      clock += 60_000;
      events.length = 0;
      ({ state } = await dialogue.handle(state, { conversationId, text: turn.text, locale, municipalityId }));
      // The last event of a turn says what was done with it (a handoff offer comes after the fallback).
      const last = events.filter((event) => event.event !== 'handoff-offered').at(-1);
      turns.push({
        text: turn.text,
        expected: turn.intent,
        predicted: predictedIntent(last),
        expectedFacet: turn.facet ?? null,
        predictedFacet: last?.event === 'answered' ? (last.facet ?? null) : null,
      });
    }
    results.push({ id: labelled.id, turns });
  }
  return summariseDialogues(results);
}

function predictedIntent(event: TurnEvent | undefined): string {
  if (!event?.intent) return NONE_INTENT;
  if (event.event === 'answered') return event.intent;
  if (event.event === 'clarified') return event.intent.split('|')[0] ?? NONE_INTENT;
  return NONE_INTENT;
}

export function summariseDialogues(dialogues: DialogueEvaluationReport['dialogues']): DialogueEvaluationReport {
  const all = dialogues.flatMap((d) => d.turns);
  const followUps = dialogues.flatMap((d) => d.turns.slice(1));
  const faceted = all.filter((t) => t.expectedFacet !== null);
  const plain = all.filter((t) => t.expectedFacet === null);
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const right = (t: TurnPrediction) => t.predicted === t.expected;
  return {
    dialogues,
    turns: all.length,
    turnAccuracy: share(all.filter(right).length, all.length),
    followUpAccuracy: share(followUps.filter(right).length, followUps.length),
    facetAccuracy: share(faceted.filter((t) => t.predictedFacet === t.expectedFacet).length, faceted.length),
    facetFalseAlarms: share(plain.filter((t) => t.predictedFacet !== null).length, plain.length),
  };
}
