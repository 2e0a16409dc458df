import { applyFieldEdits } from '../../bot/studio/yaml-field-edit';

const FILE = `id: vielse
checks:
  da:
    # Written from a citizen's e-mail.
    - "vi vil giftes, hvordan booker vi"
    - proevelsesattest hvordan
    - borgerlig vielse pris
`;

const set = (value: string[]) => applyFieldEdits('intents/vielse.yaml', FILE, [{ field: ['checks', 'da'], value }]);

describe('a list of sentences set as a whole', () => {
  it('keeps the quotes and comments of the sentences that stay when one is added or removed', () => {
    expect(set(['vi vil giftes, hvordan booker vi', 'proevelsesattest hvordan', 'borgerlig vielse pris', 'ny'])).toBe(
      `${FILE}    - ny\n`,
    );
    expect(set(['vi vil giftes, hvordan booker vi', 'borgerlig vielse pris'])).toBe(
      FILE.replace('    - proevelsesattest hvordan\n', ''),
    );
  });

  it('changes an edited sentence in place, keeping its comment and quotes', () => {
    expect(set(['vi vil giftes, hvordan gør vi', 'proevelsesattest hvordan', 'borgerlig vielse pris'])).toBe(
      FILE.replace('hvordan booker vi', 'hvordan gør vi'),
    );
  });

  it('creates the list when the file has none', () => {
    expect(applyFieldEdits('intents/vielse.yaml', 'id: vielse\n', [{ field: ['checks', 'en'], value: ['a b'] }])).toBe(
      'id: vielse\nchecks:\n  en:\n    - a b\n',
    );
  });
});
