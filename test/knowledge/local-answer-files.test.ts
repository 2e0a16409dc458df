import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KnowledgeBaseError } from '../../knowledge/knowledge-file-error';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { localAnswerAdvice } from '../../knowledge/local-answer-advice';
import { plainLanguageReport } from '../../knowledge/plain-language-report';

/**
 * A municipality's own answers (`answers:` in its profile) as editors write them: what loads, and
 * each thing the loader refuses, at the line the editor must look at.
 */
const SHIPPED = path.resolve(__dirname, '../../knowledge');
const PROFILE = 'municipalities/boegely.yaml';

let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'local-answers-'));
  await cp(SHIPPED, directory, { recursive: true });
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Appends an `answers:` block to Bøgely's profile (which has none) and returns the file's new text. */
async function withAnswers(block: string): Promise<string> {
  const file = path.join(directory, PROFILE);
  const text = `${await readFile(file, 'utf8')}answers:\n${block}`;
  await writeFile(file, text);
  return text;
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, index).split('\n').length;
}

async function problems(): Promise<
  { file: string; line: number | undefined; problem: string; field: readonly (string | number)[] | undefined }[]
> {
  const outcome = await loadKnowledgeBase(directory).then(
    () => new Error('the knowledge base loaded without an error'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof KnowledgeBaseError))
    throw new Error(`expected a KnowledgeBaseError, got ${String(outcome)}`);
  return outcome.problems.map((p) => ({
    file: path.resolve(process.cwd(), p.file),
    line: p.line,
    problem: p.problem,
    field: p.field,
  }));
}

const file = () => path.join(directory, PROFILE);

describe('local answers in a municipality profile', () => {
  it('loads an override of the whole answer and of a facet, in both languages', async () => {
    await withAnswers(
      [
        '  pas.bestil:',
        '    answer:',
        '      da: Du søger om pas i Borgerservice på rådhuset. Bestil tid først.',
        '      en: You apply for a passport at Citizen Service (Borgerservice) in the town hall. Book first.',
        '    facets:',
        '      where:',
        '        da: Du søger om pas i Borgerservice på {{municipality.address}}.',
        '        en: You apply at Citizen Service (Borgerservice), {{municipality.address}}.',
        '',
      ].join('\n'),
    );
    const knowledge = await loadKnowledgeBase(directory);
    const local = knowledge.municipalities.get('boegely')?.answers['pas.bestil'];
    expect(local?.answer?.da).toBe('Du søger om pas i Borgerservice på rådhuset. Bestil tid først.');
    expect(Object.keys(local?.facets ?? {})).toEqual(['where']);
  });

  it('refuses a topic that does not exist, at its line', async () => {
    const text = await withAnswers('  pas.bestill:\n    answer: { da: Hej., en: Hi. }\n');
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, 'pas.bestill:'),
        problem: 'answers a topic that does not exist: "pas.bestill"',
        // The studio shows it at the topic's override in the profile form.
        field: ['answers', 'pas.bestill'],
      },
    ]);
  });

  it('refuses a facet the shared topic does not have: an override replaces, it does not add', async () => {
    const text = await withAnswers(
      '  pas.bestil:\n    facets:\n      deadline:\n        da: Husk at forny i tide.\n        en: Renew in time.\n',
    );
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, 'deadline:'),
        field: ['answers', 'pas.bestil', 'facets', 'deadline'],
        problem:
          '"pas.bestil" has no shared "deadline" facet to override; ' +
          'add it to intents/pas.bestil.yaml first (for every municipality), then override it here',
      },
    ]);
  });

  it.each(['akut.hjaelp', 'underretning', 'vold.naer'])('refuses to override the safety topic %s', async (intent) => {
    const text = await withAnswers(`  ${intent}:\n    answer: { da: Ring til os., en: Call us. }\n`);
    const found = await problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: file(), line: lineOf(text, `${intent}:`), field: ['answers', intent] });
    expect(found[0]?.problem).toMatch(
      new RegExp(`^"${intent.replace('.', '\\.')}" is a safety topic .* cannot be overridden`),
    );
  });

  it('refuses an override in one language only, at the text that lacks its other language', async () => {
    const text = await withAnswers('  pas.bestil:\n    answer:\n      da: Du søger om pas på rådhuset.\n');
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, '    answer:'),
        problem: expect.stringMatching(/^answers\.pas\.bestil\.answer\.en: /),
        field: ['answers', 'pas.bestil', 'answer', 'en'],
      },
    ]);
  });

  it('refuses a facet text over 700 characters, as in a shared topic', async () => {
    const long = 'Du søger om pas på rådhuset. '.repeat(25);
    const text = await withAnswers(
      `  pas.bestil:\n    facets:\n      where:\n        da: ${long}\n        en: At the town hall.\n`,
    );
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, `da: ${long}`),
        problem: 'answers.pas.bestil.facets.where.da: is longer than 700 characters; a facet answers one thing',
        field: ['answers', 'pas.bestil', 'facets', 'where', 'da'],
      },
    ]);
  });

  it('refuses an override that overrides nothing', async () => {
    const text = await withAnswers('  pas.bestil: {}\n');
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, 'pas.bestil:'),
        problem: 'answers.pas.bestil: overrides nothing: give an answer, facets, or both (or remove the topic)',
        field: ['answers', 'pas.bestil'],
      },
    ]);
  });

  it('refuses an unknown placeholder and a malformed one, at their lines', async () => {
    const text = await withAnswers(
      ['  pas.bestil:', '    answer:', '      da: Se {{links.passport}}.', '      en: See {{links.booking}.', ''].join(
        '\n',
      ),
    );
    expect(await problems()).toEqual([
      {
        file: file(),
        line: lineOf(text, '{{links.passport}}'),
        problem: 'unknown placeholder {{links.passport}}',
        field: ['answers', 'pas.bestil', 'answer', 'da'],
      },
      {
        file: file(),
        line: lineOf(text, '      en: See'),
        problem: 'has a malformed placeholder; write it as {{links.waste}}',
        field: ['answers', 'pas.bestil', 'answer', 'en'],
      },
    ]);
  });

  it('gives plain-language advice on overrides, named by municipality', async () => {
    const long =
      'Du kan aflevere dit gamle pas i Borgerservice på rådhuset eller i biblioteket i byen, hvor vi tager imod det og sørger for, at det bliver ugyldigt med det samme.';
    await withAnswers(`  pas.bestil:\n    facets:\n      where:\n        da: ${long}\n        en: At the town hall.\n`);
    const { findings } = plainLanguageReport(await loadKnowledgeBase(directory));
    expect(findings).toContainEqual({
      where: 'boegely: pas.bestil/where/da',
      advice: `sætning over 25 ord: "${long}"`,
    });
  });

  it('advises removing an override that is word for word the shared text, and nothing else', async () => {
    const shared = (await loadKnowledgeBase(directory)).intents.get('pas.bestil')?.facets.cost;
    if (!shared) throw new Error('pas.bestil has no cost facet');
    await withAnswers(
      `  pas.bestil:\n    facets:\n      cost:\n        da: ${JSON.stringify(shared.da)}\n        en: Our own words.\n`,
    );
    expect(localAnswerAdvice(await loadKnowledgeBase(directory))).toEqual([
      {
        where: 'boegely: pas.bestil/cost/da',
        municipalityId: 'boegely',
        field: ['answers', 'pas.bestil', 'facets', 'cost', 'da'],
        advice: 'Samme tekst som det fælles svar. Slet den, så rettelser i det fælles svar også når jeres borgere.',
      },
    ]);
  });

  it('has no such advice on the shipped overrides', async () => {
    expect(localAnswerAdvice(await loadKnowledgeBase(directory))).toEqual([]);
  });
});
