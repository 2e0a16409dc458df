import { diffLines } from 'diff';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyFieldEdits, type FieldEdit } from '../../bot/studio/yaml-field-edit';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';

/**
 * The profile and guide forms save single fields (PATCH): the shipped files keep every comment and
 * every line but the changed ones, byte for byte, so a change stays reviewable in Git.
 */
const PROFILE = 'municipalities/havbakke.yaml';
const GUIDE = 'guides/aktindsigt.md';

const shipped = (file: string) => readFile(path.join(DEFAULT_KNOWLEDGE_DIRECTORY, file), 'utf8');

/** The lines removed and added by an edit, in order. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.split('\n').filter((line) => line !== '');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

async function edited(file: string, edits: FieldEdit[]) {
  const before = await shipped(file);
  const after = applyFieldEdits(file, before, edits);
  return { before, after, ...changedLines(before, after) };
}

describe('field edits of a municipality profile', () => {
  it('changes the phone number and nothing else', async () => {
    const { removed, added } = await edited(PROFILE, [{ field: ['phone'], value: '+45 11 22 33 44' }]);
    expect(removed).toEqual(['phone: "+45 10 20 30 50"']);
    expect(added).toEqual(['phone: "+45 11 22 33 44"']);
  });

  it('changes one opening time inside a one-line list of hours', async () => {
    const { removed, added } = await edited(PROFILE, [
      { field: ['openingHours', 'monday', 0, 'from'], value: '08:00' },
    ]);
    expect(removed).toEqual(['  monday: [{ from: "09:00", to: "14:00" }]']);
    expect(added).toEqual(['  monday: [{ from: "08:00", to: "14:00" }]']);
  });

  it('gives a day new hours, and a closed day hours, in the same one-line, quoted layout', async () => {
    const { removed, added } = await edited(PROFILE, [
      { field: ['openingHours', 'thursday'], value: [{ from: '09:00', to: '12:00' }] },
      { field: ['openingHours', 'wednesday'], value: [{ from: '10:00', to: '12:00' }] },
      { field: ['chatHours', 'friday'], value: [] },
    ]);
    expect(removed).toEqual([
      '  wednesday: []',
      '  thursday: [{ from: "09:00", to: "12:00" }, { from: "13:00", to: "18:00" }]',
      '  friday: [{ from: "09:00", to: "13:00" }]',
    ]);
    expect(added).toEqual([
      '  wednesday: [{ from: "10:00", to: "12:00" }]',
      '  thursday: [{ from: "09:00", to: "12:00" }]',
      '  friday: []',
    ]);
  });

  it('adds a closed date, changes a local link and the queue, and keeps the comments above them', async () => {
    const { before, after, removed, added } = await edited(PROFILE, [
      { field: ['closedDates'], value: ['2026-12-24', '2026-12-31', '2027-01-02'] },
      { field: ['links', 'waste'], value: 'https://www.havbakke.example/affald' },
      { field: ['handoffQueue'], value: 'havbakke' },
    ]);
    expect(removed).toEqual([
      'handoffQueue: faelles',
      'closedDates: ["2026-12-24", "2026-12-31"]',
      '  waste: https://www.havbakke.example/affald/toemmekalender',
    ]);
    expect(added).toEqual([
      'handoffQueue: havbakke',
      'closedDates: ["2026-12-24", "2026-12-31", "2027-01-02"]',
      '  waste: https://www.havbakke.example/affald',
    ]);
    const comments = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('#'));
    expect(comments(after)).toEqual(comments(before));
  });

  it('changes a local answer’s text as a block, and its comment stays', async () => {
    const { after, removed, added } = await edited(PROFILE, [
      { field: ['answers', 'affald.storskrald', 'facets', 'where', 'en'], value: 'We collect it at the kerb.' },
    ]);
    expect(added).toEqual(['          We collect it at the kerb.']);
    expect(removed[0]).toMatch(/^ {10}We collect bulky waste/);
    expect(after).toContain("      # Havbakke's own rule for where bulky waste is put out");
    expect(after).toContain('        en: |\n          We collect it at the kerb.\n');
  });

  it('removes a field given null, with the comment about it (the queue: back to the municipality’s own)', async () => {
    const { after, removed, added } = await edited(PROFILE, [{ field: ['handoffQueue'], value: null }]);
    expect(removed).toEqual([
      '# The staffed chat queue. Bøgely and Havbakke share one pool of staff (a virtual contact centre);',
      "# leave it out for a queue of the municipality's own.",
      'handoffQueue: faelles',
    ]);
    expect(after).toContain('# Extra closed days');
    expect(added).toEqual([]);
  });
});

describe('field edits of a guide', () => {
  it('changes the title and the keywords in the front matter, in their layout', async () => {
    const { removed, added } = await edited(GUIDE, [
      { field: ['title'], value: 'Aktindsigt: se dine dokumenter' },
      { field: ['keywords'], value: ['aktindsigt', 'se min sag'] },
    ]);
    expect(removed).toEqual([
      'title: "Aktindsigt: se dokumenter og oplysninger kommunen har"',
      expect.stringMatching(/^keywords: \["aktindsigt", "se min sag", "dokumenter"/),
    ]);
    expect(added).toEqual(['title: "Aktindsigt: se dine dokumenter"', 'keywords: ["aktindsigt", "se min sag"]']);
  });

  it('changes the text and keeps the front matter as it was', async () => {
    const { before, after } = await edited(GUIDE, [{ field: ['body'], value: 'Ny tekst om aktindsigt.' }]);
    const frontMatter = (text: string) => /^---\n[\s\S]*?\n---\n/.exec(text)?.[0];
    expect(frontMatter(after)).toBe(frontMatter(before));
    expect(after.endsWith('---\n\nNy tekst om aktindsigt.\n') || after.endsWith('---\nNy tekst om aktindsigt.\n')).toBe(
      true,
    );
  });
});

const SENTENCES_FILE = `id: vielse
checks:
  da:
    # Written from a citizen's e-mail.
    - "vi vil giftes, hvordan booker vi"
    - proevelsesattest hvordan
    - borgerlig vielse pris
`;

const set = (value: string[]) =>
  applyFieldEdits('intents/vielse.yaml', SENTENCES_FILE, [{ field: ['checks', 'da'], value }]);

describe('a list of sentences set as a whole', () => {
  it('keeps the quotes and comments of the sentences that stay when one is added or removed', () => {
    expect(set(['vi vil giftes, hvordan booker vi', 'proevelsesattest hvordan', 'borgerlig vielse pris', 'ny'])).toBe(
      `${SENTENCES_FILE}    - ny\n`,
    );
    expect(set(['vi vil giftes, hvordan booker vi', 'borgerlig vielse pris'])).toBe(
      SENTENCES_FILE.replace('    - proevelsesattest hvordan\n', ''),
    );
  });

  it('changes an edited sentence in place, keeping its comment and quotes', () => {
    expect(set(['vi vil giftes, hvordan gør vi', 'proevelsesattest hvordan', 'borgerlig vielse pris'])).toBe(
      SENTENCES_FILE.replace('hvordan booker vi', 'hvordan gør vi'),
    );
  });

  it('creates the list when the file has none', () => {
    expect(applyFieldEdits('intents/vielse.yaml', 'id: vielse\n', [{ field: ['checks', 'en'], value: ['a b'] }])).toBe(
      'id: vielse\nchecks:\n  en:\n    - a b\n',
    );
  });
});
