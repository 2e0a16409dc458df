/**
 * `npm run eval -- (FILE.jsonl | --checks) [--json] [--baselines] [--cross-validate [--folds K] [--tune]] [--knowledge DIR] [--settings FILE]`
 *
 * Trains the classifier from the knowledge base (never from the evaluation file), classifies every
 * line as the assistant would and reports accuracy. A file of conversations (lines with "turns")
 * is played through the real dialogue instead, turn by turn with its context (dialogue-evaluation.ts).
 * --checks measures the knowledge base's own held-out check sentences (`checks:`, check-set.ts) the same way.
 * --json prints one JSON object for scripts.
 * --baselines also measures two untuned classifiers trained on the same knowledge base, side by side.
 * --tune searches the ensemble weights and decision thresholds on the cross-validated training data.
 * --settings measures a candidate policy and weights (candidate-settings.ts) instead of the defaults.
 */
import { z } from 'zod';
import { KnowledgeBaseError } from '../knowledge/knowledge-file-error';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base';
import { IntentClassifier } from '../intents/intent-classifier';
import { trainingCorpusFrom } from '../intents/training-corpus';
import {
  comparisonRow,
  evaluateBaselines,
  type ComparisonRow,
} from '../intents/evaluation/baselines/compare-with-baselines';
import { readCandidateSettings } from '../intents/evaluation/candidate-settings';
import { crossValidate, type CrossValidationReport } from '../intents/evaluation/cross-validate';
import { listenAcrossFolds, tuneEnsemble, type TunedSettings } from '../intents/evaluation/tune-ensemble';
import { evaluate, isCorrect, type EvaluationReport } from '../intents/evaluation/evaluate';
import { EvaluationFileError, holdsDialogues, readLabelledMessages } from '../intents/evaluation/labelled-message';
import {
  evaluateDialogues,
  readLabelledDialogues,
  type DialogueEvaluationReport,
} from './dialogue/dialogue-evaluation';
import { LiveKnowledge } from './dialogue/live-knowledge';
import { EVALUATE_USAGE, parseEvaluateArguments } from './evaluate-cli-arguments';
import { checkMessagesFrom } from '../intents/evaluation/check-set';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const args = parseEvaluateArguments(process.argv.slice(2));

  const settings = args.settings === undefined ? undefined : await readCandidateSettings(args.settings);

  if (args.files[0] && (await holdsDialogues(args.files[0]))) {
    if (args.baselines || args.folds !== undefined)
      throw new EvaluationFileError(
        `--baselines and --cross-validate need a file of single messages\n${EVALUATE_USAGE}`,
      );
    const dialogues = await readLabelledDialogues(args.files[0]);
    const live = await LiveKnowledge.load(args.knowledge, settings ? { settings } : {});
    const [municipality] = live.knowledge.municipalities.keys();
    if (!municipality) throw new EvaluationFileError('the knowledge base has no municipality profile');
    const report = await evaluateDialogues(live, dialogues, municipality);
    if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else printDialogues(report);
    return;
  }

  const knowledge = await loadKnowledgeBase(args.knowledge);
  const corpus = trainingCorpusFrom(knowledge);
  const output: {
    evaluation?: EvaluationReport;
    baselines?: ComparisonRow[];
    crossValidation?: CrossValidationReport;
    tuning?: TunedSettings[];
  } = {};
  if (args.files[0] || args.checks) {
    const messages = args.files[0] ? await readLabelledMessages(args.files[0]) : checkMessagesFrom(knowledge);
    output.evaluation = await evaluate(await IntentClassifier.train(corpus, settings), messages);
    if (args.baselines)
      output.baselines = [
        comparisonRow('Borgerservice-assistenten', output.evaluation),
        ...(await evaluateBaselines(corpus, messages)),
      ];
  }
  if (args.folds !== undefined) output.crossValidation = await crossValidate(corpus, args.folds, settings);
  if (args.tune && args.folds !== undefined)
    output.tuning = tuneEnsemble(await listenAcrossFolds(corpus, args.folds), settings?.policy);

  if (args.json) {
    // The evaluation's fields at the top level, as scripts expect; the rest beside them.
    const { evaluation, ...rest } = output;
    process.stdout.write(`${JSON.stringify({ ...evaluation, ...rest })}\n`);
    return;
  }
  if (output.evaluation) printEvaluation(output.evaluation, args.checks ? 'check sentences' : 'messages');
  if (output.evaluation && args.checks) printMisses(output.evaluation);
  if (output.baselines) printComparison(output.baselines);
  if (output.crossValidation) printCrossValidation(output.crossValidation);
  if (output.tuning) printTuning(output.tuning);
}

function printEvaluation(r: EvaluationReport, what: string): void {
  const styles = Object.entries(r.perStyle);
  const lines = [
    `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${r.total}`,
    `In-scope top-1 accuracy:   ${percent(r.inScopeAccuracy)}`,
    `Out-of-scope refused:      ${percent(r.noneRefusal)} (of which "Mente du …?": ${percent(r.noneClarified)})`,
    `Out-of-scope not answered: ${percent(r.noneNotAnswered)} (plain fallback; "Mente du …?" counts as answered)`,
    `English accuracy:          ${percent(r.englishAccuracy)}`,
    `"Mente du …?" on in-scope: ${percent(r.clarifyRate)}`,
    ...(styles.length === 0
      ? []
      : [
          '',
          'Per style:',
          ...styles.map(
            ([style, g]) => `  ${style.padEnd(16)} ${percent(g.accuracy).padStart(8)}  (${g.correct}/${g.total})`,
          ),
        ]),
    '',
    'Weakest intents:',
    ...Object.entries(r.perIntent)
      .filter(([, g]) => g.accuracy < 1)
      .sort((a, b) => a[1].accuracy - b[1].accuracy)
      .slice(0, 15)
      .map(([intent, g]) => `  ${intent.padEnd(24)} ${percent(g.accuracy).padStart(8)}  (${g.correct}/${g.total})`),
    '',
    'Most frequent confusions (expected → predicted):',
    ...r.confusions.slice(0, 15).map((c) => `  ${c.count} × ${c.expected} → ${c.predicted}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Every check sentence handled wrongly, so an editor sees which topics need training sentences. */
function printMisses(r: EvaluationReport): void {
  const misses = r.predictions.filter((p) => !isCorrect(p));
  const lines = [
    '',
    `Check sentences handled wrongly (${misses.length}; expected → predicted, decision):`,
    ...misses.map((p) => `  ${p.expected} → ${p.predicted} (${p.decision}): ${p.text}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printDialogues(r: DialogueEvaluationReport): void {
  const misses = r.dialogues.flatMap((d) =>
    d.turns
      .map((t, index) => ({ ...t, where: `${d.id}#${index + 1}` }))
      .filter((t) => t.predicted !== t.expected || t.predictedFacet !== t.expectedFacet),
  );
  const facet = (f: string | null) => (f ? `/${f}` : '');
  const lines = [
    `Dialogues: ${r.dialogues.length}, turns: ${r.turns}`,
    `Turn accuracy:        ${percent(r.turnAccuracy)}`,
    `Follow-up accuracy:   ${percent(r.followUpAccuracy)} (turns after the first)`,
    `Facet accuracy:       ${percent(r.facetAccuracy)} (turns labelled with a facet)`,
    `Facet false alarms:   ${percent(r.facetFalseAlarms)} (turns labelled without one)`,
    '',
    'Turns not understood as labelled (expected → predicted):',
    ...misses.map(
      (t) => `  ${t.where.padEnd(8)} ${t.expected}${facet(t.expectedFacet)} → ${t.predicted}${facet(t.predictedFacet)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printComparison(rows: readonly ComparisonRow[]): void {
  const lines = [
    '',
    'Side by side ("Mente du …?" on out-of-scope counts as answered):',
    `  ${'classifier'.padEnd(40)} ${'in scope'.padStart(9)} ${'out of scope not answered'.padStart(26)} ${'English'.padStart(9)}`,
    ...rows.map(
      (r) =>
        `  ${r.name.padEnd(40)} ${percent(r.inScopeAccuracy).padStart(9)} ${percent(r.outOfScopeNotAnswered).padStart(26)} ${percent(r.englishAccuracy).padStart(9)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printTuning(candidates: readonly TunedSettings[]): void {
  const lines = [
    '',
    'Best ensemble settings on the cross-validated training data (objective = in scope + out of scope not answered − ¼ "Mente du …?"):',
    ...candidates.map(({ weights, policy, score }) =>
      [
        `  ${score.objective.toFixed(4)}: in scope ${percent(score.inScopeAccuracy)}, out of scope not answered ${percent(score.noneNotAnswered)},`,
        ` "Mente du …?" ${percent(score.clarifyRate)}`,
        `\n    weights ${JSON.stringify(weights)}\n    policy ${JSON.stringify(policy)}`,
      ].join(''),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printCrossValidation(cv: CrossValidationReport): void {
  const lines = [
    '',
    `${cv.folds}-fold cross-validation of the training data (${cv.overall.total} sentences):`,
    `  in-scope accuracy ${percent(cv.overall.inScopeAccuracy)}, out-of-scope refused ${percent(cv.overall.noneRefusal)}` +
      ` (not answered ${percent(cv.overall.noneNotAnswered)}), English ${percent(cv.overall.englishAccuracy)}`,
    '  Weakest intents:',
    ...cv.weakestIntents.map(
      (w) => `    ${w.intent.padEnd(24)} ${percent(w.accuracy).padStart(8)}  (${w.total} sentences)`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof EvaluationFileError || error instanceof KnowledgeBaseError || error instanceof z.ZodError;
  process.stderr.write(
    `${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(known ? 2 : 1);
});
