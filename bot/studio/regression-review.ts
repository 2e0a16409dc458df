import type { Classification } from '../../intents/intent-classifier';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { LANGUAGES, type Language } from '../../text/language';

/** One message whose outcome changed between the published version and the draft. */
export interface ReviewCase {
  readonly message: string;
  readonly language: Language;
  readonly expected: string;
  /** The intent answered, or "Mente du …?" / fallback as the decision's kind. */
  readonly before: string;
  readonly after: string;
}

export interface RegressionReport {
  readonly better: readonly ReviewCase[];
  readonly worse: readonly ReviewCase[];
  readonly unchanged: number;
  /** More got worse than better: only an admin may publish it. */
  readonly needsAdmin: boolean;
}

type Classify = (text: string, language: Language) => Promise<Pick<Classification, 'decision'>>;

/** Training sentences checked per intent and language: enough to see a topic move, few enough to be quick. */
const SENTENCES_PER_INTENT = 6;
/** Messages classified between two yields to the event loop, so citizens' messages keep flowing. */
const BATCH = 25;

/**
 * What a publish would make better and worse: each case is classified by the published model and
 * by the draft's, and counts as right when the assistant would answer with the expected intent.
 * The cases are the examples editors confirmed from the inbox and a spread of each intent's
 * training sentences (every intent of the draft, so a topic that starts to swallow another's
 * questions shows up).
 */
export async function reviewRegression(
  draft: KnowledgeBase,
  confirmed: readonly { text: string; language: Language; intent: string }[],
  before: Classify,
  after: Classify,
): Promise<RegressionReport> {
  const cases = [...confirmed, ...spreadOfTrainingSentences(draft)];
  const better: ReviewCase[] = [];
  const worse: ReviewCase[] = [];
  let unchanged = 0;
  for (let start = 0; start < cases.length; start += BATCH) {
    for (const { text, language, intent } of cases.slice(start, start + BATCH)) {
      const [old, now] = await Promise.all([before(text, language), after(text, language)]);
      const outcome = (classification: Pick<Classification, 'decision'>) =>
        classification.decision.kind === 'answer' ? classification.decision.intent : classification.decision.kind;
      const [was, is] = [outcome(old), outcome(now)];
      const row = { message: text, language, expected: intent, before: was, after: is };
      if ((was === intent) === (is === intent)) unchanged += 1;
      else if (is === intent) better.push(row);
      else worse.push(row);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { better, worse, unchanged, needsAdmin: worse.length > better.length };
}

function spreadOfTrainingSentences(knowledge: KnowledgeBase): { text: string; language: Language; intent: string }[] {
  const cases: { text: string; language: Language; intent: string }[] = [];
  for (const intent of knowledge.intents.values()) {
    for (const language of LANGUAGES) {
      const sentences = intent.training[language];
      const step = Math.max(1, Math.floor(sentences.length / SENTENCES_PER_INTENT));
      for (let index = 0; index < sentences.length && index / step < SENTENCES_PER_INTENT; index += step) {
        const text = sentences[index];
        if (text !== undefined) cases.push({ text, language, intent: intent.id });
      }
    }
  }
  return cases;
}
