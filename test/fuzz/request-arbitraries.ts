import fc from 'fast-check';
import type { BodySource, Frame, FuzzRequest, Header } from './fuzz-request';

/** How many conversations and staff sessions the driver keeps ready for the placeholders. */
export const SLOTS = 6;

type BodyKind = 'none' | 'token' | 'activity' | 'signin' | 'text' | 'bot';
type Auth = 'none' | 'citizen' | 'staff' | 'bot';

interface Route {
  readonly method: string;
  readonly path: string;
  readonly body: BodyKind;
  readonly auth: Auth;
  /** Never sent with valid credentials (it would sign the pooled staff session out). */
  readonly noValidAuth?: boolean;
}

/** Every HTTP route (bot/server.ts, webchat-routes.ts, directline-channel.ts, staff-routes.ts, console/API.md). */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/healthz', body: 'none', auth: 'none' },
  { method: 'GET', path: '/readyz', body: 'none', auth: 'none' },
  { method: 'GET', path: '/', body: 'none', auth: 'none' },
  { method: 'GET', path: '/webchat/embed.js', body: 'none', auth: 'none' },
  { method: 'GET', path: '/webchat/chat-panel.js', body: 'none', auth: 'none' },
  { method: 'GET', path: '/webchat/chat-panel.css', body: 'none', auth: 'none' },
  { method: 'GET', path: '/webchat/demo/index.html', body: 'none', auth: 'none' },
  { method: 'GET', path: '/webchat/vendor/webchat.js', body: 'none', auth: 'none' },
  { method: 'HEAD', path: '/webchat/vendor/webchat.js', body: 'none', auth: 'none' },
  { method: 'GET', path: '/api/webchat/config?municipality=boegely', body: 'none', auth: 'none' },
  { method: 'POST', path: '/api/webchat/token', body: 'token', auth: 'none' },
  { method: 'DELETE', path: '/api/webchat/conversations/{conv}', body: 'none', auth: 'citizen' },
  { method: 'POST', path: '/v3/directline/conversations', body: 'none', auth: 'citizen' },
  { method: 'GET', path: '/v3/directline/conversations/{conv}', body: 'none', auth: 'citizen' },
  { method: 'POST', path: '/v3/directline/tokens/refresh', body: 'none', auth: 'citizen' },
  { method: 'GET', path: '/v3/directline/conversations/{conv}/activities', body: 'none', auth: 'citizen' },
  { method: 'POST', path: '/v3/directline/conversations/{conv}/activities', body: 'activity', auth: 'citizen' },
  { method: 'POST', path: '/v3/directline/conversations/{conv}/upload', body: 'activity', auth: 'citizen' },
  { method: 'GET', path: '/console', body: 'none', auth: 'none' },
  { method: 'GET', path: '/console/', body: 'none', auth: 'none' },
  { method: 'GET', path: '/console/console.js', body: 'none', auth: 'none' },
  { method: 'GET', path: '/console/console.css', body: 'none', auth: 'none' },
  { method: 'POST', path: '/api/staff/session', body: 'signin', auth: 'none' },
  { method: 'GET', path: '/api/staff/session', body: 'none', auth: 'staff' },
  { method: 'DELETE', path: '/api/staff/session', body: 'none', auth: 'staff', noValidAuth: true },
  { method: 'GET', path: '/api/staff/state', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/events', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/queue/next', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/claim', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/conversations/{conv}', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/messages', body: 'text', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/typing', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/notes', body: 'text', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/end', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/conversations/{conv}/return', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/canned-replies', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/callbacks', body: 'none', auth: 'staff' },
  { method: 'POST', path: '/api/staff/callbacks/{conv}/done', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/callbacks/{conv}/conversation', body: 'none', auth: 'staff' },
  { method: 'GET', path: '/api/staff/overview', body: 'none', auth: 'staff' },
  // With MICROSOFT_APP_ID set: never with an Authorization header (that would make botbuilder fetch Microsoft's keys).
  { method: 'POST', path: '/api/messages', body: 'bot', auth: 'bot' },
];

const STREAM_PATH = '/v3/directline/conversations/{conv}/stream';

// --- strings ---------------------------------------------------------------------------------

/** Code points that break naive text handling. */
const NASTY_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u0301',
  '\u0336',
  '\u20dd',
  'e\u0301\u0301\u0301\u0301',
  '\uffff',
  '\ufffd',
  '\u{1f600}',
  '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}',
  '\u{10ffff}',
  'ß',
  'İ',
  'ﬃ',
  'Æ',
  'ø',
  'å',
  '０９',
  '\t',
  '\r\n',
  '\\',
  '"',
  "'",
  '<',
  '>',
  '&',
  '%',
  '{',
  '}',
];

const nastyCharacter = fc.constantFrom(...NASTY_CHARACTERS);

/** Text mixing ordinary words, Danish letters and nasty code points. */
const edgyText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 3, arbitrary: nastyCharacter },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'pas',
          'Hvordan bestiller jeg et nyt pas?',
          'en medarbejder',
          'CPR 010190-1234',
          'ring 29 40 51 62',
          'a@b.dk',
          'hej',
          'English please',
          '__proto__',
          'constructor',
          '<script>alert(1)</script>',
          '${7*7}',
          '../../etc/passwd',
          'null',
          'undefined',
        ),
      },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const shortText = fc.oneof(fc.string({ maxLength: 24 }), edgyText);

// --- JSON bodies ------------------------------------------------------------------------------

const json = (value: unknown): BodySource => ({ kind: 'text', text: JSON.stringify(value) });
const text = (value: string): BodySource => ({ kind: 'text', text: value });

/** Values of every JSON type, in place of what a field should hold. */
const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, '', [], {}, [null], { __proto__: null }),
  fc.integer(),
  fc.double(),
  shortText,
  fc.array(shortText, { maxLength: 4 }),
  fc.dictionary(shortText, shortText, { maxKeys: 4 }),
);

/** Prototype-pollution attempts, as raw JSON text (JSON.stringify would drop a real __proto__ key). */
const pollution: fc.Arbitrary<string> = fc.constantFrom(
  '{"__proto__":{"polluted":true,"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"municipality":"boegely","__proto__":{"locale":"xx"}}',
  '{"type":"message","text":"hej","__proto__":{"type":"event"},"channelData":{"__proto__":{"clientActivityID":"x"}}}',
  '{"type":"message","text":"hej","from":{"__proto__":{"id":"admin"},"constructor":{"prototype":{"role":"bot"}}}}',
  '{"username":"anna","password":"x","__proto__":{"username":"sofie"}}',
  '{"text":"hej","constructor":{"name":"x"}}',
  '{"type":"event","name":"x","value":{"__proto__":{"toString":"boom"},"hasOwnProperty":1,"valueOf":{}}}',
  '[{"__proto__":[]}]',
  '{"__proto__":null}',
);

/** Broken JSON: truncated, single quotes, comments, trailing commas, NaN, a BOM, bare words. */
const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '{"a":1}{"b":2}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":undefined}',
    '\ufeff{"type":"message"}',
    '/* c */ {"a":1}',
    '{"a":1} // c',
    'null',
    'true',
    '0',
    '"just a string"',
    '',
    ' ',
    '\u0000',
    '{"a":"\\ud800"}',
    '{"a":"\\u00"}',
    '{"a":1e999999}',
    '{"a":-}',
    '{"a":0x10}',
    '{"a":01}',
    '{"a"1}',
    '{"text":"unterminated}',
    '{"\u0000":1}',
    '[1,2,3',
    '{"a":[}',
    'tru',
    'nul',
    '{"a":"\\x41"}',
  ),
  fc.json().map((valid) => valid.slice(0, Math.max(0, valid.length - 1))),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Arrays or objects nested thousands deep (a recursive parser or JSON.stringify would overflow its stack). */
const deepNesting: fc.Arbitrary<BodySource> = fc
  .record({
    depth: fc.integer({ min: 1000, max: 120_000 }),
    object: fc.boolean(),
    inField: fc.constantFrom('', 'value', 'text', 'channelData', 'from', 'municipality', 'username'),
  })
  .map(({ depth, object, inField }): BodySource => {
    const open = object ? '{"a":' : '[';
    const close = object ? '}' : ']';
    const prefix = inField ? `{"type":"event","name":"x","${inField}":` : '';
    const suffix = inField ? '}' : '';
    return {
      kind: 'repeat',
      prefix: prefix + open.repeat(depth),
      unit: '',
      times: 0,
      suffix: '1' + close.repeat(depth) + suffix,
    };
  });

/** Long strings: some under the 256 KB limit, some just over, some far over. */
const hugeBody: fc.Arbitrary<BodySource> = fc
  .record({
    times: fc.oneof(
      fc.integer({ min: 1000, max: 60_000 }),
      fc.integer({ min: 262_000, max: 263_000 }),
      fc.integer({ min: 300_000, max: 1_200_000 }),
    ),
    unit: fc.constantFrom('a', 'æ', '\u200b', '1 ', '\\u0000', 'pas ', '😀'),
    field: fc.constantFrom('text', 'municipality', 'password', 'value', 'name', 'locale'),
  })
  .map(({ times, unit, field }): BodySource => ({
    kind: 'repeat',
    prefix: `{"type":"message","${field}":"`,
    unit,
    times: Math.ceil(times / Buffer.byteLength(unit)),
    suffix: '"}',
  }));

/** A body that is right for the route, with its fields fuzzed. */
function shapedBody(kind: BodyKind): fc.Arbitrary<BodySource> {
  switch (kind) {
    case 'token':
      return fc
        .record(
          {
            municipality: fc.oneof(
              fc.constantFrom('boegely', 'havbakke', 'BOEGELY', 'boegely ', 'ukendt', '', '-', 'a'.repeat(65)),
              shortText,
              wrongTypeValue,
            ),
            locale: fc.oneof(
              fc.constantFrom('da-DK', 'en-GB', 'en', 'xx-XX-yy', 'da_DK', '', 'a'.repeat(300)),
              shortText,
              wrongTypeValue,
            ),
            extra: wrongTypeValue,
          },
          { requiredKeys: [] },
        )
        .map(json);
    case 'activity':
      return fc
        .record(
          {
            type: fc.oneof(
              fc.constantFrom('message', 'typing', 'event', 'conversationUpdate', 'invoke', 'MESSAGE', ''),
              wrongTypeValue,
            ),
            text: fc.oneof(edgyText, wrongTypeValue),
            textFormat: fc.oneof(fc.constantFrom('plain', 'markdown', 'xml', 'html'), wrongTypeValue),
            value: fc.oneof(fc.jsonValue({ maxDepth: 4 }), wrongTypeValue),
            name: fc.oneof(shortText, wrongTypeValue),
            locale: fc.oneof(fc.constantFrom('da-DK', 'en-US', 'x'.repeat(21)), wrongTypeValue),
            attachments: fc.oneof(
              fc.array(
                fc.record(
                  {
                    contentType: fc.oneof(shortText, wrongTypeValue),
                    name: fc.oneof(edgyText, wrongTypeValue),
                    content: fc.jsonValue({ maxDepth: 2 }),
                    contentUrl: fc.constantFrom('file:///etc/passwd', 'http://169.254.169.254/', 'data:,x'),
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 12 },
              ),
              wrongTypeValue,
            ),
            from: fc.oneof(
              fc.record(
                {
                  id: fc.oneof(shortText, wrongTypeValue),
                  name: fc.oneof(edgyText, wrongTypeValue),
                  role: fc.constantFrom('bot', 'user', 'skill'),
                },
                { requiredKeys: [] },
              ),
              wrongTypeValue,
            ),
            channelData: fc.oneof(
              fc.record(
                { clientActivityID: fc.oneof(shortText, wrongTypeValue), municipality: shortText },
                { requiredKeys: [] },
              ),
              wrongTypeValue,
            ),
            id: shortText,
            conversation: fc.record({ id: shortText }),
            serviceUrl: fc.constantFrom('http://169.254.169.254/', 'https://evil.example/'),
          },
          { requiredKeys: [] },
        )
        .map(json);
    case 'signin':
      return fc
        .record(
          {
            username: fc.oneof(
              fc.constantFrom('anna', 'bo', 'sofie', 'ANNA', 'anna ', 'nobody', '', 'a'.repeat(65)),
              shortText,
              wrongTypeValue,
            ),
            password: fc.oneof(
              fc.constantFrom('wrong', '', 'x'.repeat(1025), 'x'.repeat(5000)),
              shortText,
              wrongTypeValue,
            ),
            extra: wrongTypeValue,
          },
          { requiredKeys: [] },
        )
        .map(json);
    case 'text':
      return fc
        .record(
          {
            text: fc.oneof(edgyText, fc.constantFrom('', ' ', '\u200b', 'x'.repeat(2001)), wrongTypeValue),
            extra: wrongTypeValue,
          },
          { requiredKeys: [] },
        )
        .map(json);
    case 'bot':
      return fc
        .record(
          {
            type: fc.constantFrom('message', 'conversationUpdate', 'invoke'),
            text: edgyText,
            serviceUrl: fc.constantFrom(
              'http://169.254.169.254/latest/',
              'https://evil.example/',
              'http://127.0.0.1:1/',
            ),
            channelId: fc.constantFrom('msteams', 'emulator', 'directline'),
            conversation: fc.record({ id: shortText }),
            from: fc.record({ id: shortText }),
          },
          { requiredKeys: [] },
        )
        .map(json);
    case 'none':
      return fc.constant(json({}));
  }
}

/** Any body at all, for any route. */
function fuzzedBody(kind: BodyKind): fc.Arbitrary<BodySource> {
  return fc.oneof(
    { weight: 8, arbitrary: shapedBody(kind === 'none' ? 'activity' : kind) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 5 }).map(json) },
    { weight: 3, arbitrary: malformedJson.map(text) },
    { weight: 2, arbitrary: pollution.map(text) },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: hugeBody },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): BodySource => ({ kind: 'bytes', bytes })) },
    // Invalid UTF-8 inside a JSON string: a lone surrogate encoded as bytes (CESU), overlong and stray bytes.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom([0xed, 0xa0, 0x80], [0xc0, 0xae], [0xff, 0xfe], [0xe2, 0x80], [0x80])
        .map((bad): BodySource => ({
          kind: 'bytes',
          bytes: Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from(bad), Buffer.from('"}')]),
        })),
    },
  );
}

// --- headers ----------------------------------------------------------------------------------

const JSON_TYPE: Header = ['Content-Type', 'application/json'];

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json;;;;',
    'Application/JSON',
    'APPLICATION/JSON; CHARSET=UTF-8',
    'application/vnd.api+json',
    'application/ld+json',
    'application/x+json',
    'application/json-patch+json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'multipart/form-data',
    'multipart/mixed; boundary=a',
    'text/plain',
    'text/json',
    'text/html',
    'application/jsonp',
    'application/json, text/plain',
    '',
    ' ',
    'application/octet-stream',
    '*/*',
    'application/',
    '/json',
    'json',
    'application/json; boundary=--x',
    'application/json; charset="utf-8"',
    'application/json; charset=',
    'application/xml',
    'application/javascript',
    'image/png',
  ),
  fc
    .tuple(fc.constantFrom('application/json', 'multipart/form-data', 'text/plain'), fc.string({ maxLength: 40 }))
    .map(([type, params]) => `${type}; ${params}`),
);

const encodings = fc.constantFrom(
  'gzip',
  'GZIP',
  'x-gzip',
  'deflate',
  'br',
  'compress',
  'zstd',
  'identity',
  'IDENTITY',
  ' identity ',
  'gzip, identity',
  'identity, gzip',
  'gzip, gzip',
  'bogus',
  '',
  'gzip;q=1',
  'chunked',
  'identity;',
  '*',
);

const garbageBearer = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer  ',
    'bearer x',
    'BEARER x',
    'Basic YW5uYTpkZW1vLWFubmE=',
    'Bearer a.b.c',
    'Bearer eyJhbGciOiJub25lIn0.eyJjb252ZXJzYXRpb25JZCI6IngifQ.',
    'Bearer null',
    'Bearer undefined',
    'Bearer {token} {token}',
    'Bearer {token}x',
    'Bearer {otherToken}',
    'Token {token}',
    '{token}',
    'Bearer\t{token}',
    'Bearer ' + 'A'.repeat(12_000),
    'Bearer \u00e6\u00f8\u00e5',
    'Bearer %00',
    'Negotiate x',
  ),
  fc.string({ maxLength: 60 }).map((value) => `Bearer ${value}`),
  fc.base64String({ maxLength: 200 }).map((value) => `Bearer ${value}`),
);

const garbageCookie = fc.oneof(
  fc.constantFrom(
    'bsa_staff=',
    'bsa_staff=x',
    'bsa_staff=%E0%A4%A',
    'bsa_staff="unterminated',
    'bsa_staff=a; bsa_staff=b',
    '=;;;=',
    ';',
    'bsa_staff',
    '{cookie}; {cookie}x',
    '{cookie}x',
    'bsa_staff=' + 'A'.repeat(8000),
    'BSA_STAFF=x',
    'bsa_staff=__proto__',
    'bsa_staff=constructor',
    '__proto__=x',
    'bsa_staff=%00',
  ),
  fc.string({ maxLength: 60 }).map((value) => `bsa_staff=${value}`),
);

const garbageCsrf = fc.oneof(
  fc.constantFrom('', 'x', '{csrf}x', '{csrf}{csrf}', ' {csrf}', 'A'.repeat(10_000)),
  fc.string({ maxLength: 50 }),
  edgyText,
);

const foreignOrigins = fc.constantFrom(
  'http://evil.example',
  'null',
  'file://',
  'http://127.0.0.1',
  'http://127.0.0.1:1',
  'https://{host}',
  'http://{host}.evil.example',
  'http://[::1',
  'x',
  '',
  'http://user:pass@{host}',
  'http://{host}/path',
  'HTTP://{HOST}',
);

/** Credentials for a route: none, valid (the pooled identities), or broken. */
function credentials(
  auth: Auth,
  allowValid: boolean,
): fc.Arbitrary<{ headers: Header[]; authorised?: 'citizen' | 'staff' }> {
  const none = fc.constant({ headers: [] as Header[] });
  if (auth === 'citizen') {
    return fc.oneof(
      {
        weight: allowValid ? 6 : 0,
        arbitrary: fc.constant({
          headers: [['Authorization', 'Bearer {token}']] as Header[],
          authorised: 'citizen' as const,
        }),
      },
      { weight: 2, arbitrary: fc.constant({ headers: [['Authorization', 'Bearer {otherToken}']] as Header[] }) },
      { weight: 3, arbitrary: garbageBearer.map((value) => ({ headers: [['Authorization', value]] as Header[] })) },
      { weight: 1, arbitrary: none },
    );
  }
  if (auth === 'staff') {
    return fc.oneof(
      {
        weight: allowValid ? 6 : 0,
        arbitrary: fc.constant({
          headers: [
            ['Cookie', '{cookie}'],
            ['X-CSRF-Token', '{csrf}'],
          ] as Header[],
          authorised: 'staff' as const,
        }),
      },
      {
        weight: allowValid ? 2 : 0,
        arbitrary: fc.constant({
          headers: [
            ['Cookie', '{cookie}'],
            ['X-CSRF-Token', '{csrf}'],
            ['Origin', '{origin}'],
          ] as Header[],
          authorised: 'staff' as const,
        }),
      },
      {
        weight: 2,
        arbitrary: garbageCsrf.map((csrf) => ({
          headers: [
            ['Cookie', '{cookie}'],
            ['X-CSRF-Token', csrf],
          ] as Header[],
        })),
      },
      {
        weight: 1,
        arbitrary: foreignOrigins.map((origin) => ({
          headers: [
            ['Cookie', '{cookie}'],
            ['X-CSRF-Token', '{csrf}'],
            ['Origin', origin],
          ] as Header[],
        })),
      },
      {
        weight: 3,
        arbitrary: garbageCookie.map((cookie) => ({
          headers: [
            ['Cookie', cookie],
            ['X-CSRF-Token', '{csrf}'],
          ] as Header[],
        })),
      },
      { weight: 1, arbitrary: none },
    );
  }
  return none;
}

// --- requests ---------------------------------------------------------------------------------

const route = fc.constantFrom(...ROUTES);
const slot = fc.nat({ max: SLOTS - 1 });

function request(
  fields: Omit<FuzzRequest, 'framing' | 'slot'> & Partial<Pick<FuzzRequest, 'framing'>>,
  slotNumber: number,
): FuzzRequest {
  return { framing: 'length', slot: slotNumber, ...fields };
}

/** The right method and path, with fuzzed body and credentials (valid ones in a good share). */
const routeFuzz = fc
  .record({ route, slot, body: fc.option(fc.constant(true), { freq: 3 }) })
  .chain(({ route: r, slot: s, body }) =>
    fc
      .record({
        creds: credentials(r.auth, !r.noValidAuth),
        payload: r.body === 'none' && body === null ? fc.constant(undefined) : fuzzedBody(r.body),
      })
      .map(({ creds, payload }) =>
        request(
          {
            category: 'route-body',
            method: r.method,
            target: r.path,
            headers: [...creds.headers, ...(payload ? [JSON_TYPE] : [])],
            ...(payload ? { body: payload } : {}),
            ...(creds.authorised ? { authorised: creds.authorised } : {}),
          },
          s,
        ),
      ),
  );

/** Requests a real widget or console would send, with odd but valid content. */
const validUse = fc.oneof(
  fc
    .record({
      s: slot,
      municipality: fc.constantFrom('boegely', 'havbakke'),
      locale: fc.constantFrom(undefined, 'da-DK', 'en-GB'),
    })
    .map(({ s, municipality, locale }) =>
      request(
        {
          category: 'valid',
          method: 'POST',
          target: '/api/webchat/token',
          headers: [JSON_TYPE],
          body: json({ municipality, ...(locale ? { locale } : {}) }),
        },
        s,
      ),
    ),
  fc
    .record({ s: slot, t: edgyText, id: fc.string({ maxLength: 20 }), typing: fc.boolean() })
    .map(({ s, t, id, typing }) =>
      request(
        {
          category: 'valid',
          method: 'POST',
          target: '/v3/directline/conversations/{conv}/activities',
          headers: [['Authorization', 'Bearer {token}'], JSON_TYPE],
          body: json(
            typing
              ? { type: 'typing', from: { id: 'citizen' } }
              : {
                  type: 'message',
                  text: t,
                  from: { id: 'citizen', name: t.slice(0, 20) },
                  locale: 'da-DK',
                  channelData: { clientActivityID: id },
                },
          ),
          authorised: 'citizen',
        },
        s,
      ),
    ),
  fc
    .record({ s: slot, watermark: fc.oneof(fc.constant(''), fc.nat().map(String), fc.string({ maxLength: 70 })) })
    .map(({ s, watermark }) =>
      request(
        {
          category: 'valid',
          method: 'GET',
          target: `/v3/directline/conversations/{conv}/activities?watermark=${encodeURIComponent(watermark)}`,
          headers: [['Authorization', 'Bearer {token}']],
          authorised: 'citizen',
        },
        s,
      ),
    ),
  fc
    .record({ s: slot, path: fc.constantFrom('/v3/directline/conversations', '/v3/directline/tokens/refresh') })
    .map(({ s, path }) =>
      request(
        {
          category: 'valid',
          method: 'POST',
          target: path,
          headers: [['Authorization', 'Bearer {token}']],
          authorised: 'citizen',
        },
        s,
      ),
    ),
  fc
    .record({ s: slot, path: fc.constantFrom('/state', '/session', '/canned-replies', '/callbacks', '/overview') })
    .map(({ s, path }) =>
      request(
        {
          category: 'valid',
          method: 'GET',
          target: `/api/staff${path}`,
          headers: [['Cookie', '{cookie}']],
          authorised: 'staff',
        },
        s,
      ),
    ),
  fc
    .record({ s: slot, t: edgyText, path: fc.constantFrom('messages', 'notes', 'typing', 'claim', 'end', 'return') })
    .map(({ s, t, path }) =>
      request(
        {
          category: 'valid',
          method: 'POST',
          target: `/api/staff/conversations/{conv}/${path}`,
          headers: [['Cookie', '{cookie}'], ['X-CSRF-Token', '{csrf}'], JSON_TYPE],
          body: json({ text: t }),
          authorised: 'staff',
        },
        s,
      ),
    ),
);

/** Compressed and odd Content-Encodings, real gzip bombs among them. */
const encodingAbuse = fc
  .record({
    route,
    slot,
    encoding: encodings,
    duplicate: fc.option(encodings, { freq: 4 }),
    payload: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            encoding: fc.constantFrom('gzip' as const, 'deflate' as const, 'br' as const),
            of: fuzzedBody('activity'),
          })
          .map(({ encoding, of }): BodySource => ({ kind: 'compressed', encoding, of })),
      },
      { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map(text) },
      { weight: 1, arbitrary: fc.constant<BodySource>({ kind: 'gzip-bomb' }) },
    ),
    creds: fc.boolean(),
  })
  .map(({ route: r, slot: s, encoding, duplicate, payload, creds }) =>
    request(
      {
        category: 'content-encoding',
        method: r.method === 'GET' || r.method === 'HEAD' ? 'POST' : r.method,
        target: r.path,
        headers: [
          ...(creds && r.auth === 'citizen' ? [['Authorization', 'Bearer {token}'] as Header] : []),
          ...(creds && r.auth === 'staff' && !r.noValidAuth
            ? [['Cookie', '{cookie}'] as Header, ['X-CSRF-Token', '{csrf}'] as Header]
            : []),
          JSON_TYPE,
          ['Content-Encoding', encoding],
          ...(duplicate !== null ? [['Content-Encoding', duplicate] as Header] : []),
        ],
        body: payload,
      },
      s,
    ),
  );

/** A multipart upload as `curl -F` sends it, sometimes large. */
export function multipart(size: number, filename: string): BodySource {
  return {
    kind: 'repeat',
    prefix: `--xyz\r\nContent-Disposition: form-data; name="f"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    unit: 'x',
    times: size,
    suffix: '\r\n--xyz--\r\n',
  };
}

const multipartBody: fc.Arbitrary<BodySource> = fc
  .record({
    size: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 300_000, max: 5_000_000 })),
    filename: fc.constantFrom('a.txt', '../../x', '\u0000.sh', 'æøå.pdf'),
  })
  .map(({ size, filename }) => multipart(size, filename));

/** Bodies under odd Content-Types: forms, multipart uploads, text, none, weird parameters. */
const contentTypeAbuse = fc
  .record({
    route,
    slot,
    types: fc.array(contentTypes, { maxLength: 2 }),
    body: fc.oneof(fuzzedBody('activity'), multipartBody, fc.string({ maxLength: 60 }).map(text)),
    chunked: fc.boolean(),
    creds: fc.boolean(),
  })
  .map(({ route: r, slot: s, types, body, chunked, creds }) =>
    request(
      {
        category: 'content-type',
        method: r.method === 'GET' || r.method === 'HEAD' ? 'POST' : r.method,
        target: r.path,
        headers: [
          ...(creds && r.auth === 'citizen' ? [['Authorization', 'Bearer {token}'] as Header] : []),
          ...(creds && r.auth === 'staff' && !r.noValidAuth
            ? [['Cookie', '{cookie}'] as Header, ['X-CSRF-Token', '{csrf}'] as Header]
            : []),
          ...types.map((type): Header => ['Content-Type', type]),
        ],
        body,
        framing: chunked ? 'chunked' : 'length',
      },
      s,
    ),
  );

/** Header abuse: huge, many and duplicate headers, forged Host/Origin/X-Forwarded-*, bad caching and range headers. */
const abusiveHeaders: fc.Arbitrary<Header[]> = fc.oneof(
  fc.integer({ min: 1000, max: 20_000 }).map((n): Header[] => [['X-Big', 'a'.repeat(n)]]),
  fc
    .integer({ min: 50, max: 2500 })
    .map((n): Header[] => Array.from({ length: n }, (_, i): Header => [`X-H${i % 7 === 0 ? '' : i}`, String(i)])),
  fc.constantFrom<Header[]>(
    [['Host', 'evil.example']],
    [
      ['Host', '{host}'],
      ['Host', 'evil.example'],
    ],
    [['Host', '']],
    [['Host', '[']],
    [['Host', 'a b']],
    [['Host', 'ev\u00efl.example']],
    [['Host', '{host}@evil.example']],
    [['Host', 'x'.repeat(300)]],
    [
      ['Host', 'evil.example'],
      ['Origin', 'http://evil.example'],
    ],
    [['Host', '127.0.0.1:99999']],
    [['X-Forwarded-For', '1.2.3.4']],
    [['X-Forwarded-For', '1.2.3.4, 5.6.7.8, unknown, ::1, ' + '9.9.9.9, '.repeat(500)]],
    [
      ['X-Forwarded-For', 'garbage'],
      ['X-Forwarded-For', '127.0.0.1'],
    ],
    [['X-Forwarded-Proto', 'https']],
    [['X-Forwarded-Proto', 'javascript']],
    [
      ['X-Forwarded-Host', 'evil.example'],
      ['Forwarded', 'for=1.2.3.4;host=evil.example;proto=https'],
    ],
    [['X-Real-IP', '10.0.0.1']],
    [
      ['Origin', 'http://evil.example'],
      ['Origin', '{origin}'],
    ],
    [
      ['Origin', '{origin}'],
      ['Origin', 'http://evil.example'],
    ],
    [
      ['Authorization', 'Bearer {token}'],
      ['Authorization', 'Bearer garbage'],
    ],
    [
      ['Authorization', 'Bearer garbage'],
      ['Authorization', 'Bearer {token}'],
    ],
    [
      ['Cookie', '{cookie}'],
      ['Cookie', 'bsa_staff=x'],
    ],
    [
      ['Cookie', 'bsa_staff=x'],
      ['Cookie', '{cookie}'],
    ],
    [
      ['X-CSRF-Token', '{csrf}'],
      ['X-CSRF-Token', 'x'],
    ],
    [
      ['Connection', 'Upgrade'],
      ['Upgrade', 'h2c'],
    ],
    [
      ['Connection', 'Upgrade'],
      ['Upgrade', 'websocket'],
    ],
    [['Connection', 'close, Upgrade, keep-alive, x']],
    [['Expect', '100-continue']],
    [['Expect', 'garbage']],
    [['Accept-Encoding', 'br;q=abc, gzip;q=-1, *;q=0.5, ' + 'x,'.repeat(2000)]],
    [['Accept-Encoding', '*']],
    [['Accept-Encoding', 'x-gzip;q=1e999']],
    [['If-None-Match', '*']],
    [['If-None-Match', 'W/"' + 'x'.repeat(5000) + '", ,,,']],
    [['If-Modified-Since', 'not a date']],
    [['Range', 'bytes=0-']],
    [['Range', 'bytes=999999999999-']],
    [['Range', 'bytes=' + '-1,'.repeat(1000)]],
    [['Accept', 'text/html;q=x, */*;q=-1']],
    [['Accept-Language', 'da-DK,' + 'x;q=0.1,'.repeat(1000)]],
    [['X-HTTP-Method-Override', 'DELETE']],
    [['Transfer-Encoding', 'identity']],
    [['Transfer-Encoding', 'gzip']],
    [
      ['Content-Length', '0'],
      ['Content-Length', '0'],
    ],
    [['X-Ms-Bot-Agent', '\u00ff'.repeat(100)]],
    [['User-Agent', '']],
  ),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'Origin',
          'Referer',
          'X-Forwarded-For',
          'Cookie',
          'Authorization',
          'X-CSRF-Token',
          'Accept-Encoding',
          'If-None-Match',
          'X-Requested-With',
          'Sec-Fetch-Site',
        ),
        edgyText,
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((pairs) => pairs.map(([name, value]): Header => [name, value])),
);

const headerAbuse = fc
  .record({ route, slot, extra: abusiveHeaders, creds: fc.boolean(), withBody: fc.boolean() })
  .chain(({ route: r, slot: s, extra, creds, withBody }) =>
    (withBody && r.body !== 'none'
      ? shapedBody(r.body).map((b): BodySource | undefined => b)
      : fc.constant(undefined)
    ).map((body) =>
      request(
        {
          category: 'headers',
          method: r.method,
          target: r.path,
          headers: [
            ...(creds && r.auth === 'citizen' ? [['Authorization', 'Bearer {token}'] as Header] : []),
            ...(creds && r.auth === 'staff' && !r.noValidAuth
              ? [['Cookie', '{cookie}'] as Header, ['X-CSRF-Token', '{csrf}'] as Header]
              : []),
            ...extra,
            ...(body ? [JSON_TYPE] : []),
          ],
          ...(body ? { body } : {}),
        },
        s,
      ),
    ),
  );

/** Ways to write a path that the router, the file server or a decoder could take differently. */
const pathMutation: fc.Arbitrary<(path: string) => string> = fc.oneof(
  fc.constantFrom<(path: string) => string>(
    (p) => p.toUpperCase(),
    (p) => p + '/',
    (p) => p + '//',
    (p) => p.replace(/\//g, '//'),
    (p) => p.replace(/\//g, '/./'),
    (p) => p.replace(/^\/([^/?]+)/, '/x/../$1'),
    (p) => p.replace(/^\/([^/?]+)/, '/x/%2e%2e/$1'),
    (p) => p.replace(/^\/([^/?]+)/, '/x/%252e%252e/$1'),
    (p) => p.replace(/\//g, '%2f'),
    (p) => p.replace(/\//g, '\\'),
    (p) => p + '%00',
    (p) => p + '%00.js',
    (p) => p + '%',
    (p) => p + '%ZZ',
    (p) => p + '%u002e',
    (p) => p + '%c0%ae%c0%ae/',
    (p) => p + ';jsessionid=1',
    (p) => p + '%20',
    (p) => p + '#frag',
    (p) => p + '/..',
    (p) => p + '/%2e%2e/%2e%2e/package.json',
    (p) => p.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
    (p) => p.replace(/[a-z]/, (c) => `%25${c.charCodeAt(0).toString(16)}`),
    (p) => `http://{host}${p}`,
    (p) => `http://evil.example${p}`,
    (p) => `//evil.example${p}`,
    (p) => `https://[${p}`,
    () => '*',
    () => '',
    () => '?',
    () => '/webchat/%2e%2e/%2e%2e/package.json',
    () => '/webchat/..%2f..%2f.env',
    () => '/webchat/%2e%2e%2fbot%2fconfig.ts',
    () => '/webchat/%252e%252e/%252e%252e/package.json',
    () => '/webchat/..\\..\\package.json',
    () => '/webchat/vendor/../../package.json',
    () => '/webchat/console/API.md',
    () => '/webchat/embed.js/',
    () => '/webchat/demo',
    () => '/webchat/',
    () => '/webchat/nonexistent.js',
    () => '/webchat/%ff%fe.js',
    () => '/webchat/a'.repeat(200) + '.js',
    () => '/console/../dist/bot/config.js',
    () => '/console/%2e%2e/%2e%2e/knowledge/staff/demo-staff.yaml',
    () => '/v3/directline/conversations/%ZZ/activities',
    () => '/v3/directline/conversations/..%2F..%2Fapi%2Fwebchat%2Ftoken',
    () => '/v3/directline/conversations/{otherConv}/activities',
    () => '/v3/directline/conversations/__proto__/activities',
    () => '/v3/directline/conversations/constructor',
    () => '/api/staff/conversations/__proto__',
    () => '/api/staff/callbacks/hasOwnProperty/done',
    () => '/api/staff/conversations/%00/claim',
  ),
  fc.integer({ min: 300, max: 70_000 }).map((n) => (p: string) => p + '/' + 'a'.repeat(n)),
  fc.integer({ min: 129, max: 20_000 }).map((n) => () => `/v3/directline/conversations/${'a'.repeat(n)}/activities`),
  fc.string({ unit: 'binary', maxLength: 30 }).map((junk) => (p: string) => p + encodeURIComponentLoose(junk)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((junk) => (p: string) => p + junk),
);

/** encodeURIComponent, or the raw text where it refuses (lone surrogates). */
function encodeURIComponentLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate: send it raw (as UTF-8 replacement bytes) instead.
    return text;
  }
}

const pathTricks = fc
  .record({ route, slot, mutate: pathMutation, creds: fc.boolean() })
  .map(({ route: r, slot: s, mutate, creds }) =>
    request(
      {
        category: 'path',
        method: r.method,
        target: mutate(r.path),
        headers: [
          ...(creds && r.auth === 'citizen' ? [['Authorization', 'Bearer {token}'] as Header] : []),
          ...(creds && r.auth === 'staff' && !r.noValidAuth
            ? [['Cookie', '{cookie}'] as Header, ['X-CSRF-Token', '{csrf}'] as Header]
            : []),
        ],
      },
      s,
    ),
  );

/** Query strings: arrays, nesting, duplicates, huge, prototype keys, broken encodings. */
const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'municipality[]=boegely&municipality[]=havbakke',
    'municipality[a][b][c]=1',
    'municipality=boegely&municipality=havbakke',
    'municipality=%ZZ',
    'municipality=%00',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    '__proto__=x',
    'watermark[]=1',
    'watermark[$gt]=',
    'watermark=-1',
    'watermark=99999999999999999999',
    'watermark=' + 'a'.repeat(10_000),
    't=x&t=y',
    '&&&===&&',
    '=',
    'a',
    '%',
    '%%%',
    '+++',
    'a=1;b=2',
    'municipality=boegely#x',
    'a[9999999]=1',
    'a[]=1&a[0]=2&a[x]=3',
    'a[b]=1&a=2',
    'a=' + 'b'.repeat(100_000),
  ),
  fc.integer({ min: 10, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => `p${i}=${i}`).join('&')),
  fc.integer({ min: 2, max: 30 }).map((depth) => `a${'[x]'.repeat(depth)}=1`),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 6 })
    .map((params) => new URLSearchParams(params).toString()),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponentLoose),
);

const queryAbuse = fc
  .record({ route, slot, query: queryString, creds: fc.boolean() })
  .map(({ route: r, slot: s, query, creds }) =>
    request(
      {
        category: 'query',
        method: r.method,
        target: `${r.path}${r.path.includes('?') ? '&' : '?'}${query}`,
        headers: [
          ...(creds && r.auth === 'citizen' ? [['Authorization', 'Bearer {token}'] as Header] : []),
          ...(creds && r.auth === 'staff' && !r.noValidAuth
            ? [['Cookie', '{cookie}'] as Header, ['X-CSRF-Token', '{csrf}'] as Header]
            : []),
        ],
      },
      s,
    ),
  );

/** Every route with methods it does not take, CORS preflights included. */
const wrongMethod = fc
  .record({
    route,
    slot,
    method: fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'HEAD',
      'TRACE',
      'PROPFIND',
      'MKCOL',
      'LINK',
      'PURGE',
      'SEARCH',
      'QUERY',
      'FOO',
      'get',
      'G\u00c9T',
      'M-SEARCH',
    ),
    preflight: fc.option(
      fc.record({
        origin: fc.constantFrom('{origin}', 'http://evil.example', 'https://www.boegely.dk', 'null'),
        headers: fc.constantFrom('authorization, content-type', 'x-ms-bot-agent', '', 'a'.repeat(5000)),
      }),
      { freq: 2 },
    ),
  })
  .map(({ route: r, slot: s, method, preflight }) =>
    request(
      {
        category: 'method',
        method,
        target: r.path,
        headers: preflight
          ? [
              ['Origin', preflight.origin],
              ['Access-Control-Request-Method', r.method],
              ['Access-Control-Request-Headers', preflight.headers],
            ]
          : [],
      },
      s,
    ),
  );

/** The text with its line breaks replaced, and never blank. */
function oneLine(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return text.map((value) => value.replace(/[\r\n]/g, ' ')).map((value) => (value.trim() === '' ? `x${value}` : value));
}

/** Bytes that are not quite HTTP: broken request lines and headers, bad framing, injected lines, pipelining. */
const rawMalformed = fc
  .record({
    s: slot,
    raw: fc.oneof(
      fc.constantFrom(
        'GET / HTTP/1.1\r\n\r\n',
        'GARBAGE\r\n\r\n',
        'GET /healthz HTTP/2.0\r\nHost: {host}\r\n\r\n',
        'GET /healthz HTTP/9.9\r\nHost: {host}\r\n\r\n',
        'GET /healthz\r\n\r\n',
        'GET /healthz HTTP/1.0\r\n\r\n',
        'GET  /healthz  HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nNo colon here\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nBad Name: x\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nX: a\r\n folded\r\n\r\n',
        'GET /healthz HTTP/1.1\nHost: {host}\n\n',
        'GET /healthz HTTP/1.1\rHost: {host}\r\r',
        'GET /he\u0000althz HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nX: \u0000\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{"a":1}',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 0x10\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 1 2\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;ext=1\r\n{}\r\n0\r\nTrailer: x\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n0\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n',
        'POST /healthz HTTP/1.1\r\nHost: {host}\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'POST /api/webchat/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GARBAGE\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nX-Injected: a\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: {host}\r\nX: a\rContent-Length: 5\r\n\r\n',
        'CONNECT {host} HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'OPTIONS * HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'GET http://[ HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        'GET http://[/v3/directline/conversations/{conv}/stream?t={token} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        'GET http://a:b@[::1/x HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'GET http://[ HTTP/1.1\r\nHost: {host}\r\n\r\n',
        'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
        '\r\n\r\nGET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n',
      ),
      // Without line breaks of their own: a junk line made only of them leaves the server waiting (rightly) for a request.
      oneLine(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 })).map((junk) => `${junk}\r\n\r\n`),
      fc
        .tuple(fc.constantFrom('GET', 'POST'), oneLine(fc.string({ unit: 'binary-ascii', maxLength: 60 })))
        .map(([method, target]) => `${method} ${target} HTTP/1.1\r\nHost: {host}\r\n\r\n`),
      fc
        .tuple(
          oneLine(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 })),
          oneLine(fc.string({ unit: 'binary', maxLength: 60 })),
        )
        .map(([name, value]) => `GET /healthz HTTP/1.1\r\nHost: {host}\r\n${name}: ${value}\r\n\r\n`),
    ),
  })
  .map(({ s, raw }) => request({ category: 'raw', method: '', target: '', headers: [], raw }, s));

// --- WebSocket ----------------------------------------------------------------------------------

const frame: fc.Arbitrary<Frame> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      opcode: fc.constant(1),
      payload: edgyText.map(text),
      fin: fc.constant(true),
      masked: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      opcode: fc.constant(2),
      payload: fc.uint8Array({ maxLength: 3000 }).map((bytes): BodySource => ({ kind: 'bytes', bytes })),
      fin: fc.constant(true),
      masked: fc.constant(true),
    }),
  },
  // Over the server's 4 KB maxPayload, up to a 64-bit length field.
  {
    weight: 2,
    arbitrary: fc.record({
      opcode: fc.constantFrom(1, 2),
      payload: fc
        .integer({ min: 4097, max: 200_000 })
        .map((n): BodySource => ({ kind: 'repeat', prefix: '', unit: 'x', times: n, suffix: '' })),
      fin: fc.constant(true),
      masked: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constantFrom(1, 2),
      payload: fc.constant(text('x')),
      fin: fc.constant(true),
      masked: fc.constant(true),
      claimedLength: fc.constantFrom(2 ** 31, 2 ** 53 - 1, 70_000),
    }),
  },
  // Invalid UTF-8 in a text frame, reserved opcodes, unmasked frames, fragments never finished, bad close codes.
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constant(1),
      payload: fc.constant<BodySource>({ kind: 'bytes', bytes: Uint8Array.from([0xed, 0xa0, 0x80, 0xff]) }),
      fin: fc.constant(true),
      masked: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constantFrom(3, 4, 5, 6, 7, 11, 12, 15),
      payload: fc.constant(text('x')),
      fin: fc.boolean(),
      masked: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constantFrom(0, 1),
      payload: edgyText.map(text),
      fin: fc.constant(false),
      masked: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constant(8),
      payload: fc.constantFrom<BodySource>(
        { kind: 'bytes', bytes: Uint8Array.from([0x03]) },
        { kind: 'bytes', bytes: Uint8Array.from([0x00, 0x00]) },
        { kind: 'bytes', bytes: Uint8Array.from([0x03, 0xe8, 0xff]) },
        text('x'.repeat(200)),
      ),
      fin: fc.boolean(),
      masked: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      opcode: fc.constantFrom(9, 10),
      payload: fc.oneof(fc.constant(text('ping')), fc.constant(text('x'.repeat(200)))),
      fin: fc.boolean(),
      masked: fc.constant(true),
    }),
  },
);

/** A stream opened as Web Chat opens it (own conversation, own token), then sent garbage, binary and oversized frames. */
const websocketFrames = fc
  .record({
    s: slot,
    watermark: fc.constantFrom('', '&watermark=0', '&watermark=__proto__'),
    frames: fc.array(frame, { minLength: 1, maxLength: 6 }),
  })
  .map(({ s, watermark, frames }) =>
    request(
      {
        category: 'websocket',
        method: 'GET',
        target: `${STREAM_PATH}?t={token}${watermark}`,
        headers: [
          ['Connection', 'Upgrade'],
          ['Upgrade', 'websocket'],
          ['Sec-WebSocket-Version', '13'],
          ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ],
        frames,
      },
      s,
    ),
  );

/** Upgrades with garbage or foreign tokens, wrong paths, broken handshakes. */
const websocketHandshakes = fc
  .record({
    s: slot,
    path: fc.constantFrom(
      STREAM_PATH,
      STREAM_PATH,
      STREAM_PATH,
      '/v3/directline/conversations/{otherConv}/stream',
      '/v3/directline/conversations/{conv}/stream/',
      '/v3/directline/conversations/{conv}/STREAM',
      '/v3/directline/conversations/%7Bconv%7D/stream',
      '/v3/directline/conversations/' + 'a'.repeat(129) + '/stream',
      '/v3/directline/conversations/a%00/stream',
      '/v3/directline/conversations/../stream',
      '/healthz',
      '/api/webchat/token',
      '/',
    ),
    token: fc.oneof(
      { weight: 5, arbitrary: fc.constant('{token}') },
      { weight: 2, arbitrary: fc.constant('{otherToken}') },
      {
        weight: 3,
        arbitrary: fc.oneof(
          fc.constantFrom('', 'x', '{token}x', 'a.b.c', 'A'.repeat(10_000), '{token}&t=x', '%00', '%ZZ'),
          fc.string({ maxLength: 40 }).map(encodeURIComponentLoose),
        ),
      },
    ),
    watermark: fc.option(
      fc.oneof(
        fc.constantFrom('0', '-1', '__proto__', 'x'.repeat(100)),
        fc.string({ maxLength: 10 }).map(encodeURIComponentLoose),
      ),
      { freq: 3 },
    ),
    handshake: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constant<Header[]>([
          ['Sec-WebSocket-Version', '13'],
          ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ]),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom<Header[]>(
          [
            ['Sec-WebSocket-Version', '8'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
          ],
          [['Sec-WebSocket-Version', '13']],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'short'],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Sec-WebSocket-Key', 'AAAAAAAAAAAAAAAAAAAAAA=='],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=7; server_max_window_bits=99'],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Sec-WebSocket-Protocol', ', ,x,' + 'p,'.repeat(500)],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Origin', 'http://evil.example'],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Origin', 'http://[::1'],
          ],
          [
            ['Sec-WebSocket-Version', '13'],
            ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
            ['Origin', '{origin}'],
          ],
        ),
      },
    ),
    method: fc.constantFrom('GET', 'GET', 'GET', 'GET', 'POST'),
    frames: fc.array(frame, { maxLength: 6 }),
  })
  .map(({ s, path, token, watermark, handshake, method, frames }) =>
    request(
      {
        category: 'websocket',
        method,
        target: `${path}?t=${token}${watermark === null ? '' : `&watermark=${watermark}`}`,
        headers: [['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ...handshake],
        frames,
      },
      s,
    ),
  );

const websocket = fc.oneof(websocketFrames, websocketHandshakes);

/** Every kind of request, weighted; about one in six carries valid credentials past authentication. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 30, arbitrary: routeFuzz },
  { weight: 14, arbitrary: validUse },
  { weight: 8, arbitrary: encodingAbuse },
  { weight: 8, arbitrary: contentTypeAbuse },
  { weight: 10, arbitrary: headerAbuse },
  { weight: 8, arbitrary: pathTricks },
  { weight: 6, arbitrary: queryAbuse },
  { weight: 5, arbitrary: wrongMethod },
  { weight: 5, arbitrary: rawMalformed },
  { weight: 8, arbitrary: websocket },
);
