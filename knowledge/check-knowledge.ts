/** `npm run check:knowledge [DIR]`: validates the knowledge base without starting the assistant. */
import { KnowledgeBaseError } from './knowledge-file-error';
import { loadKnowledgeBase } from './load-knowledge-base';
import { localAnswerAdvice } from './local-answer-advice';
import { plainLanguageReport } from './plain-language-report';

/** Plain-language advice lines printed at most; the rest are counted. */
const ADVICE_SHOWN = 20;

loadKnowledgeBase(process.argv[2])
  .then((knowledge) => {
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    // Topics some municipality answers in its own words (local-answers.ts).
    const localAnswers = [...knowledge.municipalities.values()].reduce(
      (sum, profile) => sum + Object.keys(profile.answers).length,
      0,
    );
    process.stdout.write(
      `Knowledge base OK: ${count(knowledge.intents.size, 'intent')}, ${count(knowledge.guides.length, 'guide')}, ` +
        `${count(knowledge.municipalities.size, 'municipality profile')}, ${count(localAnswers, 'local answer')}.\n`,
    );
    // Overrides that only freeze the shared text (local-answer-advice.ts): shown, never failing the check.
    for (const advice of localAnswerAdvice(knowledge)) process.stdout.write(`  ${advice.where}: ${advice.advice}\n`);
    // Klarsprog advice (knowledge/plain-language.ts): shown, never failing the check.
    const { texts, bands, findings } = plainLanguageReport(knowledge);
    process.stdout.write(
      `Plain language: ${texts} answers and facets; LIX ≤ 35 ${bands.let}, 36–44 ${bands.middel}, ≥ 45 ${bands.svaer}; ` +
        `${count(findings.length, 'piece')} of advice.\n`,
    );
    for (const finding of findings.slice(0, ADVICE_SHOWN))
      process.stdout.write(`  ${finding.where}: ${finding.advice}\n`);
    if (findings.length > ADVICE_SHOWN) process.stdout.write(`  … and ${findings.length - ADVICE_SHOWN} more.\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof KnowledgeBaseError ? error.message : String(error)}\n`);
    process.exit(1);
  });
