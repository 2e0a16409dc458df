import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { LANGUAGES } from '../../text/language';
import { NONE_INTENT } from '../training-corpus';
import { EvaluationFileError, type LabelledMessage } from './labelled-message';

/**
 * The knowledge base's held-out check sentences (`checks:` in the intent files and in
 * out-of-scope.yaml) as labelled messages: an intent's checks expect that intent, out-of-scope
 * checks expect None. They are never trained on (training-corpus.ts reads only `training:`).
 */
export function checkMessagesFrom(knowledge: KnowledgeBase): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  for (const lang of LANGUAGES) {
    for (const intent of knowledge.intents.values())
      for (const text of intent.checks?.[lang] ?? []) messages.push({ text, intent: intent.id, lang });
    for (const text of knowledge.outOfScope.checks?.[lang] ?? []) messages.push({ text, intent: NONE_INTENT, lang });
  }
  if (messages.length === 0)
    throw new EvaluationFileError('the knowledge base holds no check sentences (checks: in the intent files)');
  return messages;
}
