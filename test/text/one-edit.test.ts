import { withinOneEdit } from '../../text/one-edit';

describe('withinOneEdit', () => {
  it.each([
    ['korekort', 'korekort'],
    ['korekort', 'korekrot'], // two neighbours swapped
    ['korekort', 'korekor'], // one removed
    ['korekort', 'korekorrt'], // one added
    ['korekort', 'korekart'], // one changed
    ['', 'a'],
  ])('"%s" and "%s" are within one edit', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(true);
    expect(withinOneEdit(b, a)).toBe(true);
  });

  it.each([
    ['korekort', 'korkrot'],
    ['korekort', 'kore'],
    ['pas', 'sap'],
    ['ja', 'nej'],
  ])('"%s" and "%s" are not', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(false);
  });
});
