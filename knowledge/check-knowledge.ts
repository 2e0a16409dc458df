/** `npm run check:knowledge [DIR]`: validates the knowledge base without starting the assistant. */
import { KnowledgeBaseError } from './knowledge-file-error';
import { loadKnowledgeBase } from './load-knowledge-base';

loadKnowledgeBase(process.argv[2])
  .then((knowledge) => {
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stdout.write(
      `Knowledge base OK: ${count(knowledge.intents.size, 'intent')}, ${count(knowledge.guides.length, 'guide')}, ` +
        `${count(knowledge.municipalities.size, 'municipality profile')}.\n`,
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof KnowledgeBaseError ? error.message : String(error)}\n`);
    process.exit(1);
  });
