import { parseDocument } from 'yaml';
import { checkKnowledgeFiles, type StudioProblem } from '../../bot/studio/knowledge-check';
import { danishFieldName } from '../../knowledge/danish-field-names';
import { KnowledgeBaseError } from '../../knowledge/knowledge-file-error';
import { readKnowledgeFiles, writeKnowledgeFiles, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY, loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const INTENT = 'intents/pas.bestil.yaml';
const PROFILE = 'municipalities/havbakke.yaml';

let shipped: KnowledgeFiles;
beforeAll(async () => {
  shipped = await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY);
});

/** The shipped files with one YAML file changed through its document, so the edit survives reformatting. */
function withYaml(file: string, change: (doc: ReturnType<typeof parseDocument>) => void): KnowledgeFiles {
  const doc = parseDocument(shipped[file] ?? '');
  change(doc);
  return { ...shipped, [file]: doc.toString() };
}

async function problemsOf(files: KnowledgeFiles): Promise<StudioProblem[]> {
  const check = await checkKnowledgeFiles(files);
  expect(check.problems.length).toBeGreaterThan(0);
  return [...check.problems];
}

/** The one problem at `field` of `file`; the message is the Danish one, the English stays beside it. */
async function problemAt(
  files: KnowledgeFiles,
  file: string,
  field: readonly (string | number)[] | undefined,
): Promise<StudioProblem> {
  const found = (await problemsOf(files)).filter(
    (p) => p.file === file && JSON.stringify(p.field) === JSON.stringify(field),
  );
  expect(found).toHaveLength(1);
  const problem = found[0] as StudioProblem;
  expect(problem.message).not.toBe(problem.messageEn);
  return problem;
}

describe('problems for editors come out in Danish, at the same field', () => {
  it('a schema message of our own, with the count (too few Danish examples)', async () => {
    const files = withYaml(INTENT, (doc) =>
      doc.setIn(['training', 'da'], (doc.getIn(['training', 'da'], false) as { items: unknown[] }).items.slice(0, 7)),
    );
    const problem = await problemAt(files, INTENT, ['training', 'da']);
    expect(problem.message).toBe(
      'Danske eksempler: Skriv mindst 12 danske eksempler på, hvordan borgere spørger (der er 7).',
    );
    expect(problem.messageEn).toBe('training.da: needs at least 12 Danish training sentences');
    expect(problem.line).toEqual(expect.any(Number));
  });

  it('a custom size message (a button label too long)', async () => {
    const files = withYaml(INTENT, (doc) => doc.setIn(['title', 'da'], 'x'.repeat(70)));
    const problem = await problemAt(files, INTENT, ['title', 'da']);
    expect(problem.message).toBe('Titel (dansk): Titlen står på en knap. Skriv højst 60 tegn (der er 70).');
  });

  it("zod's own messages: a wrong type, an empty text, a missing field, an unknown field", async () => {
    const files = withYaml(INTENT, (doc) => {
      doc.setIn(['answer', 'da'], 42);
      doc.setIn(['title', 'en'], '');
      doc.deleteIn(['area']);
      doc.setIn(['colour'], 'blue');
    });
    const problems = await problemsOf(files);
    const at = (field: readonly (string | number)[]) =>
      problems.find((p) => p.file === INTENT && JSON.stringify(p.field) === JSON.stringify(field))?.message;
    expect(at(['answer', 'da'])).toBe('Svar (dansk): Forkert slags indhold: skriv en tekst.');
    expect(at(['title', 'en'])).toBe('Titel (engelsk): Feltet er tomt. Skriv en tekst.');
    expect(at(['area'])).toBe('Område: Mangler. Udfyld feltet.');
    expect(at([])).toBe('Ukendt felt: colour. Ret stavningen, eller slet det.');
  });

  it('a refused web address, at the link it is in', async () => {
    const files = withYaml(INTENT, (doc) => doc.setIn(['links', 0, 'da', 'url'], 'http://example.dk'));
    const problem = await problemAt(files, INTENT, ['links', 0, 'da', 'url']);
    expect(problem.message).toBe(
      'Link 1 (dansk), adresse: Skriv en adresse, der starter med https://, eller en af kommunens sider, fx {{links.waste}}.',
    );
  });

  it('the id must be the file name', async () => {
    const problem = await problemAt(
      withYaml(INTENT, (doc) => doc.setIn(['id'], 'pas.bestilling')),
      INTENT,
      ['id'],
    );
    expect(problem.message).toBe(
      'Id skal være det samme som filnavnet. Skriv "pas.bestil" (der står "pas.bestilling").',
    );
  });

  it('an unknown and a malformed placeholder', async () => {
    const unknown = withYaml(INTENT, (doc) =>
      doc.setIn(['answer', 'da'], `${String(doc.getIn(['answer', 'da']))} Se {{links.ukendt}}.`),
    );
    expect((await problemAt(unknown, INTENT, ['answer', 'da'])).message).toBe(
      '{{links.ukendt}} findes ikke. Ret stavningen, eller vælg en af kommunens oplysninger.',
    );
    const malformed = withYaml(INTENT, (doc) =>
      doc.setIn(['answer', 'en'], `${String(doc.getIn(['answer', 'en']))} Call {{municipality.phone}.`),
    );
    expect((await problemAt(malformed, INTENT, ['answer', 'en'])).message).toMatch(
      /^En pladsholder er skrevet forkert/,
    );
  });

  it('a training sentence another topic has, and a related topic that does not exist', async () => {
    const borrowed = String(
      parseDocument(shipped['intents/affald.storskrald.yaml'] ?? '').getIn(['training', 'da', 0]),
    );
    const files = withYaml(INTENT, (doc) => {
      doc.addIn(['training', 'da'], borrowed);
      doc.setIn(['related'], ['pas.findes.ikke']);
    });
    const problems = await problemsOf(files);
    expect(problems.find((p) => p.messageEn.includes(borrowed))?.message).toMatch(
      /^Eksemplet ".+" står også i .+\. Slet det ene sted, eller skriv det om\.$/,
    );
    expect(problems.find((p) => JSON.stringify(p.field) === '["related",0]')?.message).toBe(
      'Emnet "pas.findes.ikke" findes ikke. Ret stavningen, eller slet det relaterede emne.',
    );
  });

  it('YAML that cannot be read: a duplicate field, and broken syntax', async () => {
    const duplicate = await problemsOf({ ...shipped, [INTENT]: `area: a\n${shipped[INTENT] ?? ''}` });
    expect(duplicate.find((p) => p.file === INTENT)?.message).toBe('Det samme felt står to gange. Slet det ene.');
    const broken = await problemsOf({ ...shipped, [INTENT]: 'id: pas.bestil\ntitle: [da\n' });
    const problem = broken.find((p) => p.file === INTENT);
    expect(problem?.messageEn).toMatch(/^not valid YAML/);
    expect(problem?.message).toMatch(/^(Filen kan ikke læses her|Der mangler et tegn|Forkert indrykning)/);
    expect(problem?.line).toEqual(expect.any(Number));
  });

  it('guide front matter: missing, and no text after it', async () => {
    const guide = 'guides/aktindsigt.md';
    const text = shipped[guide] ?? '';
    const noFrontMatter = await problemsOf({ ...shipped, [guide]: text.replace(/^---\n/, '') });
    expect(noFrontMatter.find((p) => p.file === guide)?.message).toMatch(/^Vejledningen skal starte med felterne/);
    const frontMatterOnly = text.slice(0, text.indexOf('\n---\n') + 5);
    const noBody = await problemsOf({ ...shipped, [guide]: frontMatterOnly });
    expect(noBody.find((p) => p.file === guide)?.message).toBe(
      'Vejledningen har ingen tekst. Skriv teksten under felterne.',
    );
  });

  it("a municipality's local answers: refused for a safety topic, an unknown topic, a facet not shared, an empty one", async () => {
    const files = withYaml(PROFILE, (doc) => {
      doc.setIn(['answers', 'akut.hjaelp'], { answer: { da: 'Ring 112.', en: 'Call 112.' } });
      doc.setIn(['answers', 'findes.ikke'], { answer: { da: 'Tekst.', en: 'Text.' } });
    });
    const problems = (await problemsOf(files)).filter((p) => p.file === PROFILE);
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^"akut\.hjaelp" handler om sikkerhed .* Slet kommunens svar\./),
        'Emnet "findes.ikke" findes ikke. Ret stavningen, eller slet kommunens svar på det.',
      ]),
    );
    // A schema problem stops the profile from loading, so the empty answer is checked on its own.
    const empty = withYaml(PROFILE, (doc) => doc.setIn(['answers', 'pas.bestil'], {}));
    expect((await problemAt(empty, PROFILE, ['answers', 'pas.bestil'])).message).toBe(
      'Lokale svar, "pas.bestil": Kommunens svar er tomt. Skriv et svar, en del af svaret eller begge, eller slet emnet her.',
    );
    const facet = withYaml(PROFILE, (doc) =>
      doc.setIn(['answers', 'pas.bestil'], { facets: { deadline: { da: 'Frist.', en: 'Deadline.' } } }),
    );
    const notShared = (await problemsOf(facet)).find((p) => p.file === PROFILE);
    expect(notShared?.message).toMatch(/^"pas\.bestil" har ikke en fælles del om "deadline"/);
  });

  it('a profile field with its own message', async () => {
    const problem = await problemAt(
      withYaml(PROFILE, (doc) => doc.setIn(['address', 'postalCode'], '123')),
      PROFILE,
      ['address', 'postalCode'],
    );
    expect(problem.message).toBe('Adresse, postnummer: Skriv et postnummer med fire cifre.');
  });

  it('the talk-to-staff topic is missing', async () => {
    const rest = Object.fromEntries(Object.entries(shipped).filter(([file]) => file !== 'intents/agent.handoff.yaml'));
    const problem = (await problemsOf(rest)).find((p) => p.file === 'intents');
    expect(problem?.message).toMatch(/^Emnet agent\.handoff mangler/);
  });
});

describe('developers and logs keep English', () => {
  it('the loader error (start-up, npm run check:knowledge) has no Danish', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bsa-danish-'));
    try {
      const files = withYaml(INTENT, (doc) => doc.setIn(['title', 'da'], 'x'.repeat(70)));
      await writeKnowledgeFiles(directory, files);
      const error = await loadKnowledgeBase(directory).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KnowledgeBaseError);
      const message = (error as KnowledgeBaseError).message;
      expect(message).toContain('title.da: is longer than 60 characters (it is a button label)');
      expect(message).not.toMatch(/Skriv|Titel/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('Danish field names', () => {
  it.each([
    [['answer', 'da'], 'Svar (dansk)'],
    [['facets', 'cost', 'en'], 'Dele af svaret, pris (engelsk)'],
    [['training', 'da', 3], 'Danske eksempler, nr. 4'],
    [['checks', 'en', 0], 'Engelske kontrolsætninger, nr. 1'],
    [['links', 1, 'en', 'title'], 'Link 2 (engelsk), titel'],
    [
      ['answers', 'affald.storskrald', 'facets', 'where', 'da'],
      'Lokale svar, "affald.storskrald", dele af svaret, hvor og hvornår (dansk)',
    ],
    [['openingHours', 'monday', 0, 'to'], 'Åbningstider, mandag, nr. 1, til'],
  ])('%j reads "%s"', (field, name) => {
    expect(danishFieldName(field)).toBe(name);
  });
});
