import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KnowledgeBaseError, KnowledgeFileError } from '../../knowledge/knowledge-file-error';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';

const SHIPPED = path.resolve(__dirname, '../../knowledge');

interface Problem {
  /** Absolute path of the file (or folder) the problem names. */
  readonly file: string;
  readonly line: number | undefined;
  readonly problem: string;
}

let directory = '';

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'knowledge-'));
  await cp(SHIPPED, directory, { recursive: true });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const inCopy = (relative: string) => path.join(directory, relative);

/** Replaces `from` with `to`; `from` must occur exactly once, so a change in the shipped file fails loudly. */
function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`expected exactly one "${from}" in the file`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** Changes one file of the copy and returns its new text. */
async function edit(relative: string, change: (text: string) => string): Promise<string> {
  const text = change(await readFile(inCopy(relative), 'utf8'));
  await writeFile(inCopy(relative), text);
  return text;
}

/** The 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, index).split('\n').length;
}

/** The 1-based line that is exactly `line`, searching from the 1-based line `after`. */
function lineNumber(text: string, line: string, after = 1): number {
  const index = text.split('\n').findIndex((l, i) => i >= after - 1 && l === line);
  if (index < 0) throw new Error(`no line "${line}" after line ${after}`);
  return index + 1;
}

async function loadFailure(): Promise<KnowledgeBaseError> {
  const outcome = await loadKnowledgeBase(directory).then(
    () => new Error('the broken knowledge base loaded without an error'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof KnowledgeBaseError))
    throw new Error(`expected a KnowledgeBaseError, got ${String(outcome)}`);
  return outcome;
}

async function problemsLoading(): Promise<Problem[]> {
  const error = await loadFailure();
  expect(error.problems.length).toBeGreaterThan(0);
  return error.problems.map((p) => {
    expect(p).toBeInstanceOf(KnowledgeFileError);
    expect(p.message).toBe(`${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.problem}`);
    expect(error.message).toContain(p.message);
    return { file: path.resolve(process.cwd(), p.file), line: p.line, problem: p.problem };
  });
}

describe('loading a broken copy of the knowledge base', () => {
  it('loads an unchanged copy (control)', async () => {
    const knowledge = await loadKnowledgeBase(directory);
    const shipped = await loadKnowledgeBase(SHIPPED);
    expect(knowledge.intents.size).toBe(shipped.intents.size);
    expect(knowledge.guides.length).toBe(shipped.guides.length);
    expect([...knowledge.municipalities.keys()]).toEqual([...shipped.municipalities.keys()]);
  });

  it('reports invalid YAML syntax in an intent at the line of the error', async () => {
    const text = await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, '    - rotter i kælderen\n', '    - rotter: i: kælderen\n'),
    );
    const problems = await problemsLoading();
    const file = inCopy('intents/rotter.yaml');
    const line = lineOf(text, 'rotter: i: kælderen');
    expect(line).toBeGreaterThan(1);
    expect(problems).toContainEqual({ file, line, problem: expect.stringMatching(/^not valid YAML: \S/) });
    expect(problems.every((p) => p.file === file && p.line === line)).toBe(true);
  });

  it('reports an unclosed quote in an intent at its line', async () => {
    const text = await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, '  da: Anmeld rotter\n', '  da: "Anmeld rotter\n'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/rotter.yaml'),
        line: lineOf(text, '"Anmeld rotter'),
        problem: expect.stringMatching(/not valid YAML: .*quote/i),
      },
    ]);
  });

  it('reports an intent with only 3 Danish training sentences at its "da:" line and asks for at least 12', async () => {
    const text = await edit('intents/rotter.yaml', (t) => {
      const lines = t.split('\n');
      const da = lineNumber(t, '  da:', lineNumber(t, 'training:'));
      const en = lineNumber(t, '  en:', da);
      lines.splice(da + 3, en - 1 - (da + 3)); // keep the three sentences right after "da:"
      return lines.join('\n');
    });
    const da = lineNumber(text, '  da:', lineNumber(text, 'training:'));
    expect(
      text
        .split('\n')
        .slice(da, da + 4)
        .map((l) => l.startsWith('    - ')),
    ).toEqual([true, true, true, false]);

    const problems = await problemsLoading();
    expect(problems).toEqual([
      { file: inCopy('intents/rotter.yaml'), line: da, problem: expect.stringMatching(/^training\.da: .*at least 12/) },
    ]);
  });

  it('reports an intent whose id is not its file name', async () => {
    const text = await edit('intents/rotter.yaml', (t) => replaceOnce(t, 'id: rotter\n', 'id: rotte\n'));
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/rotter.yaml'),
        line: lineOf(text, 'id: rotte'),
        problem: 'id "rotte" must equal the file name "rotter"',
      },
    ]);
  });

  it('reports a municipality profile whose id is not its file name at the id line (below the comments)', async () => {
    const text = await edit('municipalities/havbakke.yaml', (t) =>
      replaceOnce(t, '\nid: havbakke\n', '\nid: havbakken\n'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('municipalities/havbakke.yaml'),
        line: lineOf(text, 'id: havbakken'),
        problem: expect.stringContaining('"havbakken"'),
      },
    ]);
  });

  it('reports an unknown placeholder in an answer at its line', async () => {
    const sentence = '    Ser du rotter eller tegn på rotter, skal du melde det til kommunen.';
    const text = await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, sentence, `${sentence} Læs mere på {{links.nope}}.`),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/rotter.yaml'),
        line: lineOf(text, '{{links.nope}}'),
        problem: 'unknown placeholder {{links.nope}}',
      },
    ]);
  });

  it('reports a related topic that does not exist at the related line', async () => {
    const text = await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, '\nrelated: []', '\nrelated: [vej.fejl, skadedyr.mus]'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/rotter.yaml'),
        line: lineOf(text, 'related: ['),
        problem: 'related topic "skadedyr.mus" does not exist',
      },
    ]);
  });

  it('reports a related topic that does not exist at the related line even when its id also occurs higher up', async () => {
    // "rotte" is a typo for "rotter"; the text "rotte" also occurs in line 1 ("id: rotter").
    const text = await edit('intents/rotter.yaml', (t) => replaceOnce(t, '\nrelated: []', '\nrelated: [rotte]'));
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/rotter.yaml'),
        line: lineOf(text, 'related: ['),
        problem: 'related topic "rotte" does not exist',
      },
    ]);
  });

  it('reports a guide without front matter at line 1', async () => {
    await edit('guides/jagttegn.md', (t) => {
      const end = t.indexOf('\n---\n', 4);
      expect(t.startsWith('---\n')).toBe(true);
      expect(end).toBeGreaterThan(0);
      return t.slice(end + '\n---\n'.length);
    });
    const problems = await problemsLoading();
    expect(problems).toEqual([
      { file: inCopy('guides/jagttegn.md'), line: 1, problem: expect.stringMatching(/front matter/) },
    ]);
  });

  it('reports a guide in a language the assistant does not speak at the language line', async () => {
    const text = await edit('guides/jagttegn.md', (t) => replaceOnce(t, '\nlanguage: da\n', '\nlanguage: "de"\n'));
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('guides/jagttegn.md'),
        line: lineOf(text, 'language: "de"'),
        problem: expect.stringMatching(/^language: .*"da".*"en"/),
      },
    ]);
  });

  it('reports a municipality profile without links.waste at its "links:" line', async () => {
    const text = await edit('municipalities/havbakke.yaml', (t) => t.replace(/^ {2}waste: .*\n/m, ''));
    expect(text).not.toMatch(/^ {2}waste:/m);
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('municipalities/havbakke.yaml'),
        line: lineNumber(text, 'links:'),
        problem: expect.stringMatching(/^links\.waste: .*(missing|required|undefined)/i),
      },
    ]);
  });

  it('reports an opening-hours time of 25:00 at its line', async () => {
    const original = '  monday: [{ from: "09:00", to: "14:00" }]\n';
    const text = await edit('municipalities/havbakke.yaml', (t) =>
      replaceOnce(t, original, '  monday: [{ from: "09:00", to: "25:00" }]\n'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('municipalities/havbakke.yaml'),
        line: lineOf(text, '"25:00"'),
        problem: 'openingHours.monday.0.to: must be a time such as 16:30, or 24:00 for midnight',
      },
    ]);
  });

  it('reports the same training sentence in two intents, in the second file at its line', async () => {
    const original = await readFile(inCopy('intents/rotter.yaml'), 'utf8');
    expect(original).toContain('    - der løber en rotte rundt ved kompostbunken\n');
    const text = await edit('intents/straffeattest.yaml', (t) =>
      replaceOnce(t, 'training:\n  da:\n', 'training:\n  da:\n    - Der løber en rotte rundt ved kompostbunken!\n'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/straffeattest.yaml'),
        line: lineOf(text, 'Der løber en rotte'),
        problem: 'training sentence "Der løber en rotte rundt ved kompostbunken!" is also used by rotter',
      },
    ]);
  });

  it('loads check sentences and reports one that repeats a training sentence of another intent, at its line', async () => {
    // Differs from rotter's "der løber en rotte rundt ved kompostbunken" only in case, spacing and punctuation.
    const text = await edit('intents/straffeattest.yaml', (t) =>
      replaceOnce(
        t,
        '\nanswer:\n',
        '\nchecks:\n  da:\n    - hvordan faar jeg en straffeattest til mit nye job\n' +
          '    - "  Der LØBER en rotte   rundt ved kompostbunken?"\n  en:\n    - criminal record for new job\nanswer:\n',
      ),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('intents/straffeattest.yaml'),
        line: lineOf(text, 'Der LØBER'),
        problem:
          'check sentence "Der LØBER en rotte   rundt ved kompostbunken?" is also a training sentence of rotter; ' +
          'checks must never be trained on',
      },
    ]);
    const error = await loadFailure();
    expect(error.problems[0]?.field).toEqual(['checks', 'da', 1]);
    expect(error.problems[0]?.danish).toMatch(/^Kontrolsætningen ".*" står også som eksempel i rotter\./);
  });

  it('reports an out-of-scope check sentence that repeats a training sentence of an intent', async () => {
    const text = await edit(
      'out-of-scope.yaml',
      (t) => `${t}checks:\n  en:\n    - what is the weather like\n    - RTOTE I HAVEN\n`,
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      {
        file: inCopy('out-of-scope.yaml'),
        line: lineOf(text, 'RTOTE I HAVEN'),
        problem: expect.stringContaining('is also a training sentence of rotter'),
      },
    ]);
  });

  it('reports a "checks" field with an unknown language', async () => {
    await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, '\nanswer:\n', '\nchecks:\n  de:\n    - Ratten im Garten\nanswer:\n'),
    );
    const problems = await problemsLoading();
    expect(problems).toEqual([
      expect.objectContaining({ file: inCopy('intents/rotter.yaml'), problem: expect.stringMatching(/^checks/) }),
    ]);
  });

  it('reports a missing agent.handoff.yaml', async () => {
    await unlink(inCopy('intents/agent.handoff.yaml'));
    const problems = await problemsLoading();
    expect(problems).toContainEqual({
      file: inCopy('intents'),
      line: undefined,
      problem: expect.stringContaining('agent.handoff.yaml'),
    });
  });

  it('reports the problems of several broken files together', async () => {
    const rotter = await edit('intents/rotter.yaml', (t) =>
      replaceOnce(t, '    - rotter i kælderen\n', '    - rotter: i: kælderen\n'),
    );
    const guide = await edit('guides/jagttegn.md', (t) => replaceOnce(t, '\nlanguage: da\n', '\nlanguage: "de"\n'));
    const profile = await edit('municipalities/havbakke.yaml', (t) =>
      replaceOnce(t, '  monday: [{ from: "09:00", to: "14:00" }]\n', '  monday: [{ from: "09:00", to: "25:00" }]\n'),
    );
    const straffeattest = await edit('intents/straffeattest.yaml', (t) =>
      replaceOnce(t, '\nrelated: [', '\nrelated: [skadedyr.mus, '),
    );

    const problems = await problemsLoading();
    expect(problems).toContainEqual({
      file: inCopy('intents/rotter.yaml'),
      line: lineOf(rotter, 'rotter: i: kælderen'),
      problem: expect.stringMatching(/^not valid YAML/),
    });
    expect(problems).toContainEqual({
      file: inCopy('guides/jagttegn.md'),
      line: lineOf(guide, 'language: "de"'),
      problem: expect.stringMatching(/^language: /),
    });
    expect(problems).toContainEqual({
      file: inCopy('municipalities/havbakke.yaml'),
      line: lineOf(profile, '"25:00"'),
      problem: 'openingHours.monday.0.to: must be a time such as 16:30, or 24:00 for midnight',
    });
    expect(problems).toContainEqual({
      file: inCopy('intents/straffeattest.yaml'),
      line: lineOf(straffeattest, 'skadedyr.mus'),
      problem: 'related topic "skadedyr.mus" does not exist',
    });
    const files = new Set(problems.map((p) => p.file));
    expect(files).toEqual(
      new Set([
        inCopy('intents/rotter.yaml'),
        inCopy('guides/jagttegn.md'),
        inCopy('municipalities/havbakke.yaml'),
        inCopy('intents/straffeattest.yaml'),
      ]),
    );
  });
});
