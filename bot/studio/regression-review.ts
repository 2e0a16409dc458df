import type { Classification } from '../../intents/intent-classifier';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { LANGUAGES, type Language } from '../../text/language';

/**
 * Where a case comes from: an example an editor confirmed from the inbox, or one of the knowledge
 * base's held-out check sentences (`checks:` of an intent or of out-of-scope.yaml; never trained on).
 */
export type ReviewSource = 'inbox' | 'check';

/** What an out-of-scope check expects: no answer, the assistant says it cannot help (a fallback). */
export const REFUSED = 'fallback';

/** One message to check: what the assistant should do with it. */
export interface ReviewInput {
  readonly text: string;
  readonly language: Language;
  /** An intent id, or REFUSED. */
  readonly intent: string;
}

/** One message whose outcome changed between the published version and the draft. */
export interface ReviewCase {
  readonly message: string;
  readonly language: Language;
  /** An intent id, or "fallback" for an out-of-scope check that should not be answered. */
  readonly expected: string;
  /** The intent answered, or "Mente du …?" / fallback as the decision's kind. */
  readonly before: string;
  readonly after: string;
  readonly source: ReviewSource;
}

/** How many of one source's cases the published version and the draft get right. */
export interface ReviewTally {
  readonly cases: number;
  readonly rightBefore: number;
  readonly rightAfter: number;
}

export interface RegressionReport {
  readonly better: readonly ReviewCase[];
  readonly worse: readonly ReviewCase[];
  readonly unchanged: number;
  readonly tally: { readonly inbox: ReviewTally; readonly check: ReviewTally };
  /** More got worse than better: only an admin may publish it. */
  readonly needsAdmin: boolean;
}

type Classify = (text: string, language: Language) => Promise<Pick<Classification, 'decision'>>;

/**
 * The cases are classified on the main thread: it yields to other requests every few milliseconds
 * (not every so many cases), so on a busy machine too no reply — a Redis answer among them — waits
 * behind the review long enough to time out (it did, with every 25 cases, under load).
 */
const SLICE_MS = 20;

/**
 * What a publish would make better and worse: each case is classified by the published model and
 * by the draft's, and counts as right when the assistant would answer with the expected intent (or,
 * for an out-of-scope check, would not answer). The cases are the examples editors confirmed from
 * the inbox and the draft's held-out check sentences: those of every intent, so a topic that starts
 * to swallow another's questions shows up, and those of out-of-scope.yaml, so one that starts to
 * answer what it should not shows up too. Training sentences are not used: the draft's model has
 * learnt them, so they would always look right.
 */
export async function reviewRegression(
  draft: KnowledgeBase,
  confirmed: readonly ReviewInput[],
  before: Classify,
  after: Classify,
): Promise<RegressionReport> {
  const cases: (ReviewInput & { source: ReviewSource })[] = [
    ...confirmed.map((input) => ({ ...input, source: 'inbox' as const })),
    ...checkSentencesOf(draft).map((input) => ({ ...input, source: 'check' as const })),
  ];
  const better: ReviewCase[] = [];
  const worse: ReviewCase[] = [];
  const tally = {
    inbox: { cases: 0, rightBefore: 0, rightAfter: 0 },
    check: { cases: 0, rightBefore: 0, rightAfter: 0 },
  };
  let unchanged = 0;
  let sliceStart = performance.now();
  for (const { text, language, intent, source } of cases) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    const [old, now] = await Promise.all([before(text, language), after(text, language)]);
    const [was, is] = [outcomeOf(old), outcomeOf(now)];
    const row = { message: text, language, expected: intent, before: was, after: is, source };
    const counts = tally[source];
    counts.cases += 1;
    if (was === intent) counts.rightBefore += 1;
    if (is === intent) counts.rightAfter += 1;
    if ((was === intent) === (is === intent)) unchanged += 1;
    else if (is === intent) better.push(row);
    else worse.push(row);
  }
  return { better, worse, unchanged, tally, needsAdmin: worse.length > better.length };
}

/** The intent answered, or the decision's kind when there is no answer ("clarify", "fallback"). */
function outcomeOf(classification: Pick<Classification, 'decision'>): string {
  return classification.decision.kind === 'answer' ? classification.decision.intent : classification.decision.kind;
}

/** Every check sentence of the draft: each intent's, expecting that intent; out-of-scope's, expecting no answer. */
export function checkSentencesOf(knowledge: KnowledgeBase): ReviewInput[] {
  const inputs: ReviewInput[] = [];
  for (const intent of knowledge.intents.values())
    for (const language of LANGUAGES)
      for (const text of intent.checks?.[language] ?? []) inputs.push({ text, language, intent: intent.id });
  for (const language of LANGUAGES)
    for (const text of knowledge.outOfScope.checks?.[language] ?? []) inputs.push({ text, language, intent: REFUSED });
  return inputs;
}
