import { performance } from 'node:perf_hooks';
import {
  findPersonalData,
  findPhoneNumber,
  REDACTION_MARKERS,
  redactPersonalData,
  type PersonalDataKind,
  type RedactedText,
} from '../../privacy/personal-data-redactor';

const CPR = REDACTION_MARKERS.cpr;
const EMAIL = REDACTION_MARKERS.email;
const ACCOUNT = REDACTION_MARKERS.account;
const PHONE = REDACTION_MARKERS.phone;

/** The modulus-11 check once used for CPR numbers (weights 4 3 2 7 6 5 4 3 2 1). */
function passesModulus11(cpr: string): boolean {
  const digits = cpr.replace(/\D/g, '').split('').map(Number);
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  return digits.length === 10 && digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11 === 0;
}

/** The first serial number (0000–9999) for a birth date that gives a number passing or failing modulus 11. */
function cprFor(birthDate: string, passing: boolean): string {
  for (let serial = 0; serial < 10_000; serial += 1) {
    const cpr = `${birthDate}-${String(serial).padStart(4, '0')}`;
    if (passesModulus11(cpr) === passing) return cpr;
  }
  throw new Error(`no CPR number for ${birthDate}`);
}

function expectNoMarkers(result: RedactedText): void {
  for (const marker of Object.values(REDACTION_MARKERS)) expect(result.textWithoutMarkers).not.toContain(marker);
  expect(result.textWithoutMarkers).not.toMatch(/fjernet\]/);
}

function expectRedacted(message: string, secret: string, kind: PersonalDataKind): RedactedText {
  expect(message).toContain(secret);
  const result = redactPersonalData(message);
  expect(result.text).toBe(message.replace(secret, REDACTION_MARKERS[kind]));
  expect(result.found).toEqual([kind]);
  expect(result.textWithoutMarkers).toBe(message.replace(secret, ' '));
  expectNoMarkers(result);
  return result;
}

function expectUntouched(message: string): void {
  const result = redactPersonalData(message);
  expect({ message, text: result.text, found: result.found }).toEqual({ message, text: message, found: [] });
  expect(result.textWithoutMarkers).toBe(message);
}

/** Runs the redactor and fails if it took longer than a bound far above linear time (quadratic takes minutes). */
function timedRedaction(message: string): RedactedText {
  const started = performance.now();
  const result = redactPersonalData(message);
  expect(performance.now() - started).toBeLessThan(2000);
  return result;
}

/** [name, message, the phone number in it] */
const PHONE_FORMATS: readonly [string, string, string][] = [
  ['eight digits', 'ring på 12345678 i morgen', '12345678'],
  ['in pairs', 'ring på 12 34 56 78 i morgen', '12 34 56 78'],
  ['in two fours', 'ring på 1234 5678 i morgen', '1234 5678'],
  ['in pairs with dashes', 'ring på 12-34-56-78 i morgen', '12-34-56-78'],
  ['with +45 and pairs', 'ring på +45 12 34 56 78 i morgen', '+45 12 34 56 78'],
  ['with +45 and no spaces', 'ring på +4512345678 i morgen', '+4512345678'],
  ['with +45 and eight digits', 'ring på +45 12345678 i morgen', '+45 12345678'],
  ['with +45 and two fours', 'ring på +45 1234 5678 i morgen', '+45 1234 5678'],
  ['with 0045 and pairs', 'ring på 0045 12 34 56 78 i morgen', '0045 12 34 56 78'],
  ['with 0045 and eight digits', 'ring på 0045 12345678 i morgen', '0045 12345678'],
  ['with 0045 and no spaces', 'ring på 004512345678 i morgen', '004512345678'],
  ['after a colon', 'tlf:20304050', '20304050'],
];

describe('redactPersonalData', () => {
  describe('CPR numbers', () => {
    it.each([
      ['with a dash', 'mit cpr er 010190-1234 tak', '010190-1234'],
      ['with a space', 'mit cpr er 010190 1234 tak', '010190 1234'],
      ['without a separator', 'mit cpr er 0101901234 tak', '0101901234'],
      ['with an en dash', 'mit cpr er 010190–1234 tak', '010190–1234'],
      ['at the start of the message', '311299-4321 skal have nyt pas', '311299-4321'],
      ['at the end of the message', 'cpr:311299-4321', '311299-4321'],
      ['next to punctuation', 'Mit CPR-nr. (150385-2468), hjælp', '150385-2468'],
    ])('redacts one %s', (_name, message, cpr) => {
      expectRedacted(message, cpr, 'cpr');
    });

    it('redacts a CPR number that fails the modulus-11 check (such numbers are issued)', () => {
      const failing = cprFor('010190', false);
      expect(passesModulus11(failing)).toBe(false);
      expectRedacted(`cpr ${failing}`, failing, 'cpr');
      expect(passesModulus11('010190-1234')).toBe(false);
      expectRedacted('cpr 010190-1234', '010190-1234', 'cpr');
    });

    it('redacts a CPR number that passes the modulus-11 check', () => {
      const passing = cprFor('241268', true);
      expect(passesModulus11(passing)).toBe(true);
      expectRedacted(`mit cpr-nummer er ${passing.replace('-', '')}`, passing.replace('-', ''), 'cpr');
    });

    it('redacts several CPR numbers and lists the kind once', () => {
      const result = redactPersonalData('mig: 010190-1234, min søn: 020315 5678');
      expect(result.text).toBe(`mig: ${CPR}, min søn: ${CPR}`);
      expect(result.found).toEqual(['cpr']);
      expectNoMarkers(result);
    });
  });

  describe('phone numbers', () => {
    it.each(PHONE_FORMATS)('redacts one written as %s, leaving none of its digits', (_name, message, phone) => {
      const result = redactPersonalData(message);
      expect(result.text).not.toMatch(/\d/);
      expect(result.textWithoutMarkers).not.toMatch(/\d/);
      expect(result.found).toHaveLength(1);
      expect(result.textWithoutMarkers).toMatch(/^ring på .* i morgen$|^tlf: *$/);
      expect(message).toContain(phone);
    });
  });

  describe('phone numbers are reported as phone numbers', () => {
    it.each(PHONE_FORMATS)('%s', (_name, message, phone) => {
      expectRedacted(message, phone, 'phone');
    });
  });

  describe('e-mail addresses', () => {
    it.each([
      ['a simple address', 'skriv til hans@example.dk tak', 'hans@example.dk'],
      [
        'dots, plus and a sub-domain',
        'min mail: anne.marie+kommune@post.mail.example.co.uk.',
        'anne.marie+kommune@post.mail.example.co.uk',
      ],
      ['upper case', 'HANS.HANSEN@GMAIL.COM er min', 'HANS.HANSEN@GMAIL.COM'],
      ['a dash and digits', 'mail: k-1982_jensen@mit-firma.dk', 'k-1982_jensen@mit-firma.dk'],
      ['inside brackets', 'kontakt mig (lise@example.org)', 'lise@example.org'],
    ])('redacts %s', (_name, message, email) => {
      expectRedacted(message, email, 'email');
    });

    it('leaves an @ without an address alone', () => {
      expectUntouched('vi ses @ rådhuset kl. 10');
      expectUntouched('hans@localhost');
    });
  });

  describe('bank accounts and card numbers', () => {
    it.each([
      ['reg. no. and account with a dash', 'konto 1234-1234567890 tak', '1234-1234567890'],
      ['reg. no. and account with a space', 'konto 1234 1234567890 tak', '1234 1234567890'],
      ['reg. no. and account without a separator', 'konto 12341234567890 tak', '12341234567890'],
      ['reg. no. and a 6-digit account', 'konto 5470 123456 tak', '5470 123456'],
      ['a card number in groups of four', 'kort 4571 1234 5678 9012 tak', '4571 1234 5678 9012'],
      ['a card number with dashes', 'kort 4571-1234-5678-9012 tak', '4571-1234-5678-9012'],
      ['a card number without spaces', 'kort 4571123456789012 tak', '4571123456789012'],
    ])('redacts %s', (_name, message, number) => {
      expectRedacted(message, number, 'account');
    });
  });

  describe('several kinds at once', () => {
    it('lists each kind found once, in a fixed order, and leaves no marker in textWithoutMarkers', () => {
      const message =
        'Jeg hedder Hans, cpr 010190-1234 og min kones 020292-4321. Mail hans@example.dk eller hans2@example.dk, ' +
        'ring 12 34 56 78 eller +45 87 65 43 21, konto 1234-1234567890.';
      const result = redactPersonalData(message);
      expect(result.found).toEqual(['cpr', 'email', 'account', 'phone']);
      expect(new Set(result.found).size).toBe(result.found.length);
      expect(result.text).toBe(
        `Jeg hedder Hans, cpr ${CPR} og min kones ${CPR}. Mail ${EMAIL} eller ${EMAIL}, ring ${PHONE} eller ${PHONE}, konto ${ACCOUNT}.`,
      );
      expect(result.textWithoutMarkers).not.toMatch(/\d{4}/);
      expect(result.textWithoutMarkers).not.toContain('@');
      expect(result.textWithoutMarkers).toContain('Jeg hedder Hans');
      expectNoMarkers(result);
    });

    it('returns a message without personal data unchanged', () => {
      expectUntouched('Hvordan bestiller jeg et nyt pas til min søn?');
      expectUntouched('');
    });
  });

  describe('leaves ordinary numbers alone', () => {
    it.each([
      ['a year', 'Mit pas udløb i 2024'],
      ['two years', 'i 2023 og i 2024 betalte jeg'],
      ['a price', 'Et pas koster 696 kr'],
      ['a price with a thousands separator', 'Det koster 1.250 kr om året'],
      ['a large price', 'Ejendomsskatten er 12.500,50 kr, huset kostede 2.450.000 kr'],
      ['a postal code', 'Jeg bor i 8000 Aarhus C'],
      ['an address', 'Vestergade 12, 2. th, 8000 Aarhus C'],
      ['an age', 'Min søn er 15 år og min mor er 82'],
      ['a time', 'Har I åbent kl. 10.30 på torsdag?'],
      ['a time span', 'kl. 10.00-14.30 eller 10:00–14:30'],
      ['short numbers', 'Jeg har 3 børn og bor i nr. 7, sag 4711'],
      ['a date with dots', 'Mit pas udløber 12.05.2026'],
      ['a date with dashes', 'Mit pas udløber 12-05-2026'],
      ['a school year', 'skoleindskrivning til skoleåret 2026-2027'],
      ['a case number with letters', 'sagsnummer ABC-123, bilag 4'],
    ])('%s', (_name, message) => {
      expectUntouched(message);
    });
  });

  describe('formats people actually type (issue 8)', () => {
    it.each([
      ['CPR with dots', 'cpr 09.07.91-8307', '09.07.91-8307', 'cpr'],
      ['CPR with " - "', 'cpr 090791 - 8307', '090791 - 8307', 'cpr'],
      ['CPR with a slash', 'cpr 090791/8307', '090791/8307', 'cpr'],
      ['CPR with an underscore', 'cpr 090791_8307', '090791_8307', 'cpr'],
      ['CPR with an em dash', 'cpr 090791—8307', '090791—8307', 'cpr'],
      ['CPR with a no-break space', 'cpr 090791\u00a08307', '090791\u00a08307', 'cpr'],
      ['CPR over a line break', 'cpr\n090791\n8307', '090791\n8307', 'cpr'],
      ['CPR with a space between every pair', 'cpr 09 07 91 83 07', '09 07 91 83 07', 'cpr'],
      ['CPR in full-width digits', 'cpr ０９０７９１－８３０７', '０９０７９１－８３０７', 'cpr'],
      ['a phone number with dots', 'ring 29.40.51.62', '29.40.51.62', 'phone'],
      ['a phone number with +45 and dots', 'ring +45.30.41.52.63', '+45.30.41.52.63', 'phone'],
      ['a phone number as 3-3-2', 'ring 294 051 62', '294 051 62', 'phone'],
      ['an e-mail address with æøå', 'mail søren@æblegården.dk', 'søren@æblegården.dk', 'email'],
      ['an e-mail address with (at)', 'mail navn(at)mail.dk', 'navn(at)mail.dk', 'email'],
      ['an e-mail address with " @ "', 'mail navn @ gmail.com', 'navn @ gmail.com', 'email'],
      ['an e-mail address with [at] and " . "', 'mail navn [at] mail . dk', 'navn [at] mail . dk', 'email'],
      ['reg. and konto numbers with labels', 'reg.nr. 5301 kontonr. 0123456', '5301 kontonr. 0123456', 'account'],
      ['reg. and konto numbers with a dot', 'til 3409.1234567', '3409.1234567', 'account'],
      ['a card number with dots', 'kort 4571.1234.5678.9012', '4571.1234.5678.9012', 'account'],
      ['an IBAN', 'IBAN DK50 0040 0440 1162 43', 'DK50 0040 0440 1162 43', 'account'],
    ] as [string, string, string, PersonalDataKind][])('redacts %s', (_name, message, secret, kind) => {
      expectRedacted(message, secret, kind);
    });

    it.each([
      ['a case number', 'Sagsnr. 2024-012345'],
      ['a school year', 'skoleåret 2026 2027'],
      ['a CVR number', 'CVR-nummer 12345678'],
      ['an EAN number', 'EAN-nummer 5798000416253'],
      ['a P-number', 'P-nummer 1012345678'],
      ['an order number', 'ordrenummer 20251234'],
      ['a journal number', 'Journalnummer: 27.12.08-P20-1-24'],
      ['a date', 'den 12-05-2026 eller 1.1.2026'],
      ['opening hours', 'kl. 8.00-15.30'],
      ['a price', 'Det koster 1.200 kr'],
      ['a price range', 'Det koster 1000-2000 kr'],
      ['a date range', 'gælder 01.01.2026-31.12.2026'],
      ['a postcode', '8000 Aarhus C'],
    ])('keeps %s', (_name, message) => {
      expectUntouched(message);
    });

    it('reads the label on either side of a number, and the one before wins', () => {
      expectUntouched('20251234 er mit ordrenummer');
      expectUntouched('12345678 (CVR)');
      expectRedacted('0101901234 er mit cpr', '0101901234', 'cpr');
      expectRedacted('ring 29405162 (ordrenummer 20251234)', '29405162', 'phone');
      expectRedacted('tlf. 2026 2027', '2026 2027', 'phone');
      expectRedacted('konto 2000-1234567', '2000-1234567', 'account');
    });

    it('removes any ten digits after "cpr", even with an impossible date', () => {
      expectRedacted('cpr 321390-1234', '321390-1234', 'cpr');
      expectRedacted('mit personnummer er 99.99.99-9999', '99.99.99-9999', 'cpr');
      // A CPR label wins over a keep label further back.
      expectRedacted('sagsnr. 2024-1, cpr 1012345678', '1012345678', 'cpr');
    });

    it('replaces the span as typed and leaves the rest of the message exactly as written', () => {
      const message = 'Hej\u00a0—\u00a0mit cpr er ０９０７９１－８３０７\u200b, tak！';
      expect(redactPersonalData(message).text).toBe(`Hej\u00a0—\u00a0mit cpr er ${CPR}\u200b, tak！`);
      expect(findPersonalData(message)).toEqual([
        { kind: 'cpr', start: message.indexOf('０'), end: message.indexOf('\u200b') },
      ]);
      const zeroWidthInside = 'cpr 0101\u200b90-1234 tak';
      expect(redactPersonalData(zeroWidthInside).text).toBe(`cpr ${CPR} tak`);
    });
  });

  describe('findPhoneNumber', () => {
    it.each([
      ['ring 29.40.51.62', '29 40 51 62'],
      ['ring +45.30.41.52.63', '+45 30 41 52 63'],
      ['ring 294 051 62', '29 40 51 62'],
      ['ring ２９４０５１６２', '29 40 51 62'],
      ['(+45) 30 41 52 63', '+45 30 41 52 63'],
      ['mit cpr er 010190-1234 og tlf 29405162', '29 40 51 62'],
      ['CVR 12345678, men ring 29405162', '29 40 51 62'],
    ])('%s → %s', (message, phone) => {
      expect(findPhoneNumber(message)).toBe(phone);
    });

    it.each([
      ['CVR-nummer 12345678'],
      ['ordrenummer 20251234'],
      ['mit cpr er 0101901234'],
      ['ring +46 70 123 45 67'],
      ['skoleåret 2026 2027'],
    ])('finds none in %s', (message) => {
      expect(findPhoneNumber(message)).toBeUndefined();
    });
  });

  describe('takes linear time on adversarial 100,000-character messages', () => {
    it('many letters', () => {
      const message = 'a'.repeat(100_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });

    it('"a@" repeated', () => {
      const message = 'a@'.repeat(50_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });

    it('"a." repeated, then "@"', () => {
      const message = `${'a.'.repeat(50_000)}@`;
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });

    it('"a." repeated, then "@" and a domain', () => {
      const message = `${'a.'.repeat(50_000)}@example.dk`;
      const result = timedRedaction(message);
      // The local part is longer than 64 characters, so this is not an address: nothing to redact.
      expect(result.text).toBe(message);
    });

    it('60-character local parts with "@", repeated', () => {
      const message = `${'x'.repeat(60)}@`.repeat(1_640);
      expect(message.length).toBeGreaterThanOrEqual(100_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });

    it('60-character local parts with "@" and a domain, repeated', () => {
      const message = `${'x'.repeat(60)}@example.dk `.repeat(1_400);
      expect(message.length).toBeGreaterThanOrEqual(100_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(`${EMAIL} `.repeat(1_400));
      expect(result.found).toEqual(['email']);
      expectNoMarkers(result);
    });

    it('a single run of digits', () => {
      const message = '1234567890'.repeat(10_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });

    it('digits separated by spaces', () => {
      const message = '1 '.repeat(50_000);
      const result = timedRedaction(message);
      expect(result.found).toContain('account');
      // No 13 or more digits in a row (spaces allowed between them) survive.
      expect(result.text).not.toMatch(/(?:\d[ -]?){12}\d/);
      expectNoMarkers(result);
    });

    it('groups of four digits separated by spaces (like a long card number)', () => {
      const message = '4571 '.repeat(20_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(`${ACCOUNT} `.repeat(5_000));
      expect(result.found).toEqual(['account']);
    });

    it('pairs of digits separated by dashes', () => {
      const message = '12-'.repeat(33_334);
      const result = timedRedaction(message);
      expect(result.text).not.toMatch(/(?:\d\d-){7}\d\d/);
      expectNoMarkers(result);
    });

    it.each([
      ['written-out e-mail parts', 'a [at] b . '.repeat(9_091)],
      ['" at " and " dot " words', 'navn at mail dot '.repeat(5_883)],
      ['dots between digits', '1.'.repeat(50_000)],
      ['" - " between digits', '1 - '.repeat(25_000)],
      ['pairs with mixed separators', '12.34-56/78_'.repeat(8_334)],
      ['labels and numbers', 'CVR-nummer 12345678 cpr 0101901234 ring '.repeat(2_500)],
      ['full-width digits', '１２３４５６７８９０'.repeat(10_000)],
      ['zero-width characters between digits', '1\u200b'.repeat(50_000)],
      ['"+45." repeated', '+45.'.repeat(25_000)],
      ['letters and digits like an IBAN', 'DK50 0040 '.repeat(10_000)],
    ])('%s', (_name, message) => {
      expect(message.length).toBeGreaterThanOrEqual(99_000);
      const result = timedRedaction(message);
      expectNoMarkers(result);
    });

    it('plus signs and digits', () => {
      const message = '+45 '.repeat(25_000);
      const result = timedRedaction(message);
      expect(result.text).toBe(message);
      expect(result.found).toEqual([]);
    });
  });
});
