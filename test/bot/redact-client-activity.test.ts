import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';
import { redactClientActivity, redactClientValue } from '../../privacy/redact-client-activity';

describe('redactClientValue', () => {
  it('redacts strings at any depth and in keys, and keeps the structure, booleans, null and short numbers', () => {
    const value = {
      a: ['ring 29405162', { b: [['hans@example.dk']] }],
      'cpr 010190-1234': true,
      ok: false,
      none: null,
      count: 3,
      price: 1200.5,
    };
    expect(redactClientValue(value)).toEqual({
      a: [`ring ${REDACTION_MARKERS.phone}`, { b: [[REDACTION_MARKERS.email]] }],
      [`cpr ${REDACTION_MARKERS.cpr}`]: true,
      ok: false,
      none: null,
      count: 3,
      price: 1200.5,
    });
  });

  it('turns a long integer that is personal data into the marker, and keeps other numbers', () => {
    expect(redactClientValue({ phone: 29405162, card: 4571123456789012, year: 2026, big: 1234567 })).toEqual({
      phone: REDACTION_MARKERS.phone,
      card: REDACTION_MARKERS.account,
      year: 2026,
      big: 1234567,
    });
  });

  it('leaves button values exactly as they were', () => {
    for (const button of [
      { action: 'answer', intent: 'pas.bestil' },
      { action: 'feedback', intent: 'affald.toemning', helpful: false },
      { action: 'callback-consent', given: true },
      { action: 'leave-queue' },
    ]) {
      expect(redactClientValue(button)).toEqual(button);
    }
  });

  it('keeps a "__proto__" key as a key without touching any prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "ring 29405162"}}') as unknown;
    const redacted = redactClientValue(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({
      polluted: `ring ${REDACTION_MARKERS.phone}`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('replaces what lies deeper than 32 levels with null instead of recursing without end', () => {
    const deep = JSON.parse(`${'['.repeat(4000)}"ring 29405162"${']'.repeat(4000)}`) as unknown;
    expect(JSON.stringify(redactClientValue(deep))).toBe(`${'['.repeat(32)}null${']'.repeat(32)}`);
  });
});

describe('redactClientActivity', () => {
  it('redacts text, event name, display name (then shortens it), attachment names and types', () => {
    const redacted = redactClientActivity({
      text: 'mit cpr er 010190-1234',
      name: 'form 29405162',
      from: { id: 'bsa-1', name: `${'x'.repeat(60)} 010190-1234` },
      attachments: [{ contentType: 'text/plain; name=hans@example.dk', name: '29405162.png' }, {}],
      locale: 'da-DK',
      channelData: { clientActivityID: 'k3j4h5g6f7' },
    });
    expect(redacted).toEqual({
      text: `mit cpr er ${REDACTION_MARKERS.cpr}`,
      name: `form ${REDACTION_MARKERS.phone}`,
      fromId: 'bsa-1',
      fromName: `${'x'.repeat(60)} ${REDACTION_MARKERS.cpr}`.slice(0, 64),
      attachments: [
        { contentType: `text/plain; name=${REDACTION_MARKERS.email}`, name: `${REDACTION_MARKERS.phone}.png` },
        { contentType: 'application/octet-stream' },
      ],
      locale: 'da-DK',
      clientActivityID: 'k3j4h5g6f7',
    });
  });

  it('drops ids and a locale that hold personal data or have no id shape', () => {
    const redacted = redactClientActivity({
      from: { id: 'hans@example.dk' },
      locale: '29405162',
      channelData: { clientActivityID: 'hans@example.dk' },
    });
    expect(redacted).toEqual({ fromName: '' });
    expect(
      redactClientActivity({ from: { id: '0101901234' }, channelData: { clientActivityID: '0101901234' } }),
    ).toEqual({ fromName: '' });
  });

  it("keeps Web Chat's clientTimestamp only in a timestamp's shape", () => {
    expect(redactClientActivity({ channelData: { clientTimestamp: '2026-12-03T16:05:00.123Z' } })).toEqual({
      fromName: '',
      clientTimestamp: '2026-12-03T16:05:00.123Z',
    });
    expect(redactClientActivity({ channelData: { clientTimestamp: '010190-1234' } })).toEqual({ fromName: '' });
  });
});
