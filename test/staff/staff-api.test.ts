import type { Activity } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type restify from 'restify';
import { assembleHandoff, type Handoff } from '../../bot/assembly/assemble-handoff';
import { assembleWebchat, type WebchatChannel } from '../../bot/assembly/assemble-webchat';
import { loadConfig } from '../../bot/runtime/config';
import { createStorage } from '../../bot/assembly/assemble-storage';
import type { AssistantStorage } from '../../bot/assembly/assistant-storage';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import { projectRoot } from '../../knowledge/load-knowledge-base';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';
import { addWaitingCitizen } from '../support/waiting-citizen';

const API = '/api/staff';
const FOREIGN_ORIGIN = 'https://evil.example';

/** The real server as bot/main.ts assembles it (in-memory storage, the demo staff at a low hash cost), with a stub classifier. */
interface StaffServer {
  readonly base: string;
  readonly storage: AssistantStorage;
  readonly handoff: Handoff;
  close(): Promise<void>;
}

async function startStaffServer(env: NodeJS.ProcessEnv = {}): Promise<StaffServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile(), ...env });
  const logger = createLogger('silent');
  const source = await stubKnowledgeSource(() => ({ kind: 'fallback', reason: 'none-class' }));
  const knowledge = () => source.knowledge;
  const storage = await createStorage(config, logger);
  const webchat: WebchatChannel = assembleWebchat(
    config,
    storage.conversations,
    () => undefined,
    knowledge,
    logger,
    storage.rateLimits,
  );
  let dialogue: AssistantDialogue | undefined;
  const handoff = await assembleHandoff(
    config,
    storage,
    knowledge,
    () => (dialogue ? dialogue.handoffNotice.bind(dialogue) : undefined),
    logger,
  );
  dialogue = new AssistantDialogue({
    live: source,
    defaultMunicipalityId: 'boegely',
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    handoff: handoff.desk,
  });
  const server: restify.Server & { closeStaffStreams?: () => void } = createServer({
    config,
    bot: () => undefined,
    logger,
    isReady: () => true,
    webchat,
    staff: handoff.staffRoutes,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    storage,
    handoff,
    async close() {
      server.closeStaffStreams?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await webchat.directLine.close();
      await handoff.sweeper.stop();
      await storage.close();
      await Promise.all([
        storage.callbacks.close(),
        storage.notes.close(),
        storage.staffSessions.close(),
        storage.signInThrottle.close(),
      ]);
    },
  };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON ("" for 204). */
  readonly body: unknown;
}

interface Credentials {
  readonly cookie?: string;
  readonly csrf?: string;
  readonly origin?: string;
}

async function call(
  base: string,
  method: string,
  route: string,
  credentials: Credentials = {},
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.csrf) headers['x-csrf-token'] = credentials.csrf;
  if (credentials.origin) headers.origin = credentials.origin;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${route}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? '' : (JSON.parse(text) as unknown);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A request from a chosen local address (the loopback network is 127.0.0.0/8), as another client would send it. */
async function callFrom(
  base: string,
  localAddress: string,
  body: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${API}/session`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text === '' ? '' : (JSON.parse(text) as unknown),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly setCookie: string;
}

async function signIn(base: string, username: string, password = `demo-${username}`): Promise<Session> {
  const answer = await call(base, 'POST', `${API}/session`, {}, { username, password });
  if (answer.status !== 200) throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const setCookie = answer.headers.get('set-cookie') ?? '';
  const { csrfToken } = answer.body as { csrfToken: string };
  return { cookie: setCookie.split(';')[0] ?? '', csrf: csrfToken, setCookie };
}

/** Every route of the staff API as webchat/console/API.md lists it ("METHOD /path"), POST /session included. */
async function documentedRoutes(): Promise<string[]> {
  const doc = await readFile(path.join(projectRoot(), 'webchat', 'console', 'API.md'), 'utf8');
  return [...doc.matchAll(/^\| `(GET|POST|PUT|DELETE) (\/[^`]*)`/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** The documented routes that need a session, with a concrete id for ":id". */
const SIGNED_IN_ROUTES: readonly (readonly [string, string])[] = [
  ['GET', '/session'],
  ['DELETE', '/session'],
  ['GET', '/state'],
  ['GET', '/events'],
  ['PUT', '/status'],
  ['POST', '/queue/next'],
  ['POST', '/conversations/:id/claim'],
  ['GET', '/conversations/:id'],
  ['POST', '/conversations/:id/messages'],
  ['POST', '/conversations/:id/typing'],
  ['POST', '/conversations/:id/notes'],
  ['POST', '/conversations/:id/end'],
  ['GET', '/wrap-up-codes'],
  ['POST', '/conversations/:id/return'],
  ['GET', '/canned-replies'],
  ['GET', '/callbacks'],
  ['POST', '/callbacks/:id/done'],
  ['GET', '/callbacks/:id/conversation'],
  ['GET', '/overview'],
];
const CHANGES = SIGNED_IN_ROUTES.filter(([method]) => method !== 'GET');

function concrete(route: string): string {
  return `${API}${route.replace(':id', 'some-conversation')}`;
}

/** Reads a server-sent event stream with node's http module until the first `snapshot` event, then closes it. */
function firstSnapshot(
  base: string,
  cookie: string,
): Promise<{ status: number; contentType: string; snapshot: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${API}/events`, { headers: { cookie } }, (response) => {
      let buffer = '';
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`no snapshot event; got ${JSON.stringify(buffer)}`));
      }, 5000);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const match = /(?:^|\n)event: snapshot\ndata: (.*)\n\n/.exec(buffer);
        if (!match?.[1]) return;
        clearTimeout(timer);
        const snapshot = JSON.parse(match[1]) as unknown;
        request.destroy();
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), snapshot });
      });
      response.on('error', () => undefined);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      // Destroying the request after the snapshot is how the console closes it too.
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

describe('the staff API', () => {
  let server: StaffServer;
  let anna: Session;
  let bo: Session;
  let sofie: Session;
  beforeAll(async () => {
    server = await startStaffServer();
    [anna, bo, sofie] = await Promise.all([
      signIn(server.base, 'anna'),
      signIn(server.base, 'bo'),
      signIn(server.base, 'sofie'),
    ]);
  });
  afterAll(async () => {
    await server.close();
  });

  const api = (method: string, route: string, credentials: Credentials = {}, body?: unknown) =>
    call(server.base, method, route, credentials, body);
  const waitingCitizen = (id: string, reason: 'asked' | 'fallbacks' = 'asked') =>
    addWaitingCitizen(server.storage.conversations, server.handoff.desk, id, { reason });

  describe('sessions', () => {
    it('documents exactly the routes tested here', async () => {
      expect((await documentedRoutes()).sort()).toEqual(
        ['POST /session', ...SIGNED_IN_ROUTES.map(([method, route]) => `${method} ${route}`)].sort(),
      );
    });

    it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (not Secure over plain http) and answers the agent and a CSRF token', async () => {
      expect(anna.setCookie).toMatch(/^bsa_staff=[A-Za-z0-9_-]{43};/);
      expect(anna.setCookie).toMatch(/;\s*HttpOnly/i);
      expect(anna.setCookie).toMatch(/;\s*SameSite=Strict/i);
      expect(anna.setCookie).toMatch(/;\s*Path=\//i);
      expect(anna.setCookie).not.toMatch(/;\s*Secure/i);
      expect(anna.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = await api('GET', `${API}/session`, { cookie: anna.cookie });
      expect(session.status).toBe(200);
      expect(session.body).toEqual({
        agent: { id: 'anna', name: 'Anna', role: 'agent', queues: ['faelles'], maxConversations: 3 },
        csrfToken: anna.csrf,
      });
      expect(session.headers.get('cache-control')).toBe('no-store');
    });

    describe('every route refuses without a valid session', () => {
      let signedOut: Session;
      beforeAll(async () => {
        signedOut = await signIn(server.base, 'sofie');
        const deleted = await api('DELETE', `${API}/session`, { cookie: signedOut.cookie, csrf: signedOut.csrf });
        expect(deleted.status).toBe(204);
        expect(deleted.headers.get('set-cookie')).toMatch(/^bsa_staff=;.*Max-Age=0/i);
      });

      const cookies: [string, () => string | undefined][] = [
        ['no cookie', () => undefined],
        ['a garbage cookie', () => 'bsa_staff=garbage'],
        ['a well-formed but unknown session id', () => `bsa_staff=${randomBytes(32).toString('base64url')}`],
        ['the cookie of a signed-out session', () => signedOut.cookie],
      ];
      it.each(cookies)('with %s', async (_name, cookie) => {
        for (const [method, route] of SIGNED_IN_ROUTES) {
          // Even with the session's CSRF token, a dead session is no session.
          const answer = await api(
            method,
            concrete(route),
            { cookie: cookie(), csrf: signedOut.csrf },
            method === 'POST' ? { text: 'hej' } : undefined,
          );
          expect([method, route, answer.status]).toEqual([method, route, 401]);
          expect(answer.body).toMatchObject({ error: 'unauthorized' });
        }
      });
    });

    describe('every state change refuses without the CSRF token', () => {
      const tokens: [string, () => Credentials][] = [
        ['no X-CSRF-Token', () => ({ cookie: anna.cookie })],
        ['a wrong token', () => ({ cookie: anna.cookie, csrf: randomBytes(32).toString('base64url') })],
        ['a token of a different length', () => ({ cookie: anna.cookie, csrf: 'x' })],
        ["another session's token", () => ({ cookie: anna.cookie, csrf: bo.csrf })],
        [
          'the right token but an Origin of another site',
          () => ({ cookie: anna.cookie, csrf: anna.csrf, origin: FOREIGN_ORIGIN }),
        ],
        [
          'the right token but a malformed Origin',
          () => ({ cookie: anna.cookie, csrf: anna.csrf, origin: 'not a url' }),
        ],
      ];
      it.each(tokens)('with %s', async (_name, credentials) => {
        for (const [method, route] of CHANGES) {
          const answer = await api(
            method,
            concrete(route),
            credentials(),
            method === 'POST' ? { text: 'hej' } : undefined,
          );
          expect([method, route, answer.status]).toEqual([method, route, 403]);
          expect(answer.body).toMatchObject({ error: 'csrf' });
        }
        // Nothing was changed: still signed in.
        expect((await api('GET', `${API}/session`, { cookie: anna.cookie })).status).toBe(200);
      });

      it('GETs work with the cookie alone (no token, no Origin)', async () => {
        for (const route of ['/session', '/state', '/canned-replies', '/callbacks']) {
          const answer = await api('GET', `${API}${route}`, { cookie: bo.cookie });
          expect([route, answer.status]).toEqual([route, 200]);
        }
        expect((await api('GET', `${API}/state`, { cookie: bo.cookie })).body).toMatchObject({
          queue: expect.any(Array),
          mine: [],
          callbacks: expect.any(Number),
        });
        const canned = await api('GET', `${API}/canned-replies`, { cookie: bo.cookie });
        expect((canned.body as { replies: unknown[] }).replies).toContainEqual({
          id: 'hilsen',
          title: 'Hilsen',
          text: { da: expect.stringMatching(/^Hej/), en: expect.stringMatching(/^Hello/) },
        });
      });

      it('a change with the right token from our own origin gets through to the handler', async () => {
        const typing = await api('POST', concrete('/conversations/:id/typing'), {
          cookie: anna.cookie,
          csrf: anna.csrf,
          origin: server.base,
        });
        expect(typing.status).toBe(404);
        expect(typing.body).toMatchObject({ error: 'not_yours' });
      });
    });

    it('the admin overview is for admins only', async () => {
      const refused = await api('GET', `${API}/overview`, { cookie: anna.cookie });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'forbidden' });
      const overview = await api('GET', `${API}/overview`, { cookie: sofie.cookie });
      expect(overview.status).toBe(200);
      // Nobody has opened a console or taken a conversation yet.
      expect(overview.body).toEqual({
        agents: [
          { id: 'anna', name: 'Anna', role: 'agent', onDuty: false, status: 'available', conversations: 0 },
          { id: 'bo', name: 'Bo', role: 'agent', onDuty: false, status: 'available', conversations: 0 },
          { id: 'sofie', name: 'Sofie', role: 'admin', onDuty: false, status: 'available', conversations: 0 },
          { id: 'eva', name: 'Eva', role: 'editor', onDuty: false, status: 'available', conversations: 0 },
          { id: 'mads', name: 'Mads', role: 'editor', onDuty: false, status: 'available', conversations: 0 },
          { id: 'lene', name: 'Lene', role: 'manager', onDuty: false, status: 'available', conversations: 0 },
        ],
        queues: [{ id: 'faelles', waiting: 0, oldestEnqueuedAt: null, agentsOnDuty: 0 }],
      });
    });

    it('lets an editor sign in and see an empty console, but refuses every queue action with 403', async () => {
      const eva = await signIn(server.base, 'eva');
      const session = await api('GET', `${API}/session`, { cookie: eva.cookie });
      expect(session.body).toMatchObject({ agent: { id: 'eva', role: 'editor', queues: [] } });
      await waitingCitizen('editor-cannot-see-me');
      const state = await api('GET', `${API}/state`, { cookie: eva.cookie });
      expect(state.status).toBe(200);
      expect(state.body).toMatchObject({ queue: [], mine: [], callbacks: 0 });
      const events = await firstSnapshot(server.base, eva.cookie);
      expect(events.snapshot).toMatchObject({ queue: [], mine: [] });
      for (const [method, route] of SIGNED_IN_ROUTES.filter(
        ([, r]) => r.startsWith('/queue') || r.startsWith('/conversations') || r.startsWith('/callbacks'),
      )) {
        const answer = await api(
          method,
          concrete(route),
          { cookie: eva.cookie, csrf: eva.csrf },
          method === 'GET' ? undefined : { text: 'hej' },
        );
        expect({ route, status: answer.status, body: answer.body }).toEqual({
          route,
          status: 403,
          body: expect.objectContaining({ error: 'forbidden' }),
        });
      }
      expect((await api('GET', `${API}/overview`, { cookie: eva.cookie })).status).toBe(403);
      // An open console does not put an editor on duty.
      const overview = await api('GET', `${API}/overview`, { cookie: sofie.cookie });
      expect(overview.body).toMatchObject({
        agents: expect.arrayContaining([expect.objectContaining({ id: 'eva', onDuty: false })]),
      });
      // The citizen is still waiting for an agent; they leave, so the later tests start from an empty queue.
      expect(await server.handoff.desk.leaveQueue('editor-cannot-see-me', new Date())).toBe(true);
    });

    it('serves the console page with a Content-Security-Policy that forbids framing', async () => {
      const page = await fetch(`${server.base}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(await page.text()).toMatch(/<html/i);
    });
  });

  describe('a conversation from the queue to the end', () => {
    it('anna claims it and gets the conversation view; bo is too late', async () => {
      await waitingCitizen('rt-1', 'fallbacks');
      const claimed = await api('POST', `${API}/conversations/rt-1/claim`, {
        cookie: anna.cookie,
        csrf: anna.csrf,
        origin: server.base,
      });
      expect(claimed.status).toBe(200);
      expect(claimed.body).toEqual({
        conversationId: 'rt-1',
        queueId: 'faelles',
        municipality: { id: 'boegely', name: 'Bøgely Kommune' },
        language: 'da',
        topic: { id: 'pas.bestil', title: 'Bestil pas' },
        enqueuedAt: expect.any(String),
        claimedAt: expect.any(String),
        context: { reason: 'fallbacks', intents: [{ id: 'pas.bestil', title: 'Bestil pas', score: 0.8 }], guides: [] },
        transcript: [
          {
            id: 'rt-1|0000000',
            from: 'citizen',
            name: 'Borger',
            text: 'Jeg har mistet mit pas',
            at: expect.any(String),
          },
          {
            id: expect.any(String),
            from: 'system',
            name: 'System',
            text: 'Anna overtog samtalen.',
            at: expect.any(String),
          },
          {
            id: expect.any(String),
            from: 'assistant',
            name: 'Assistent',
            text: 'Anna (medarbejder) har overtaget samtalen. Du skriver nu med et menneske.',
            at: expect.any(String),
          },
        ],
        notes: [],
      });
      const late = await api('POST', `${API}/conversations/rt-1/claim`, { cookie: bo.cookie, csrf: bo.csrf });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ error: 'not_waiting' });
      expect(await server.handoff.desk.situation('rt-1', new Date())).toEqual({
        kind: 'with-agent',
        agentName: 'Anna',
      });
    });

    it("anna's message reaches the citizen's conversation in her name", async () => {
      const sent = await api(
        'POST',
        `${API}/conversations/rt-1/messages`,
        { cookie: anna.cookie, csrf: anna.csrf },
        { text: 'Hej, jeg hjælper dig med dit pas.' },
      );
      expect(sent.status).toBe(201);
      const { id } = sent.body as { id: string };
      const { activities } = await server.storage.conversations.activitiesAfter('rt-1', '', 1000);
      const stored = activities.find((a) => a.id === id);
      expect(stored).toMatchObject({
        type: 'message',
        text: 'Hej, jeg hjælper dig med dit pas.',
        from: { id: 'staff:anna', name: 'Anna (medarbejder)' },
        channelData: { staff: { name: 'Anna' } },
      });
      expect(
        (await api('POST', `${API}/conversations/rt-1/typing`, { cookie: anna.cookie, csrf: anna.csrf })).status,
      ).toBe(204);
      // bo does not hold it, so bo cannot write in it.
      const intruder = await api(
        'POST',
        `${API}/conversations/rt-1/messages`,
        { cookie: bo.cookie, csrf: bo.csrf },
        { text: 'Hej fra Bo' },
      );
      expect(intruder.status).toBe(404);
      expect(intruder.body).toMatchObject({ error: 'not_yours' });
    });

    it('notes are kept for staff and never reach the citizen', async () => {
      const note = await api(
        'POST',
        `${API}/conversations/rt-1/notes`,
        { cookie: anna.cookie, csrf: anna.csrf },
        { text: 'Intern note: har ringet før' },
      );
      expect(note.status).toBe(201);
      expect(note.body).toEqual({
        id: expect.any(String),
        author: 'Anna',
        text: 'Intern note: har ringet før',
        at: expect.any(String),
      });
      const view = await api('GET', `${API}/conversations/rt-1`, { cookie: anna.cookie });
      expect(view.status).toBe(200);
      expect((view.body as { notes: unknown[] }).notes).toEqual([note.body]);
      const { activities } = await server.storage.conversations.activitiesAfter('rt-1', '', 1000);
      expect(JSON.stringify(activities)).not.toContain('Intern note');
    });

    it("only anna and admins may read anna's conversation", async () => {
      const bos = await api('GET', `${API}/conversations/rt-1`, { cookie: bo.cookie });
      expect(bos.status).toBe(404);
      expect(bos.body).toMatchObject({ error: 'not_yours' });
      const sofies = await api('GET', `${API}/conversations/rt-1`, { cookie: sofie.cookie });
      expect(sofies.status).toBe(200);
      expect(sofies.body).toMatchObject({ conversationId: 'rt-1', notes: [{ text: 'Intern note: har ringet før' }] });
      // An admin may read, but not write in, a colleague's conversation.
      expect(
        (
          await api(
            'POST',
            `${API}/conversations/rt-1/messages`,
            { cookie: sofie.cookie, csrf: sofie.csrf },
            { text: 'Hej' },
          )
        ).status,
      ).toBe(404);
    });

    it('refuses bad bodies and ids with a JSON 400', async () => {
      const cases: [string, unknown][] = [
        ['not JSON', '{"text": '],
        ['no text', {}],
        ['empty text', { text: '   ' }],
        ['too long', { text: 'x'.repeat(3000) }],
        ['extra fields', { text: 'hej', html: '<b>hej</b>' }],
        ['text not a string', { text: 42 }],
      ];
      for (const [name, body] of cases) {
        for (const route of ['messages', 'notes']) {
          const answer = await api(
            'POST',
            `${API}/conversations/rt-1/${route}`,
            { cookie: anna.cookie, csrf: anna.csrf },
            body,
          );
          expect([name, route, answer.status]).toEqual([name, route, 400]);
          expect(answer.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
        }
      }
      const badId = await api('GET', `${API}/conversations/${encodeURIComponent('a:b|c')}`, { cookie: anna.cookie });
      expect(badId.status).toBe(400);
      expect(badId.body).toMatchObject({ error: 'bad_request' });
      expect((await server.storage.notes.list('rt-1')).map((n) => n.text)).toEqual(['Intern note: har ringet før']);
    });

    it('holds anna to her limit of 3 conversations; bo takes the next one; then the queue is empty', async () => {
      for (const id of ['rt-2', 'rt-3', 'rt-4']) await waitingCitizen(id);
      expect(
        (await api('POST', `${API}/conversations/rt-2/claim`, { cookie: anna.cookie, csrf: anna.csrf })).status,
      ).toBe(200);
      expect((await api('POST', `${API}/queue/next`, { cookie: anna.cookie, csrf: anna.csrf })).body).toMatchObject({
        conversationId: 'rt-3',
      });
      const fourth = await api('POST', `${API}/conversations/rt-4/claim`, { cookie: anna.cookie, csrf: anna.csrf });
      expect(fourth.status).toBe(409);
      expect(fourth.body).toMatchObject({ error: 'limit_reached' });
      const next = await api('POST', `${API}/queue/next`, { cookie: anna.cookie, csrf: anna.csrf });
      expect(next.status).toBe(409);
      expect(next.body).toMatchObject({ error: 'limit_reached' });
      expect(await server.storage.handoffQueue.position('rt-4')).toBe(1);

      const state = await api('GET', `${API}/state`, { cookie: anna.cookie });
      expect((state.body as { mine: { conversationId: string }[] }).mine.map((m) => m.conversationId).sort()).toEqual([
        'rt-1',
        'rt-2',
        'rt-3',
      ]);

      const bos = await api('POST', `${API}/queue/next`, { cookie: bo.cookie, csrf: bo.csrf });
      expect(bos.status).toBe(200);
      expect(bos.body).toMatchObject({
        conversationId: 'rt-4',
        transcript: expect.arrayContaining([expect.objectContaining({ text: 'Bo overtog samtalen.' })]),
      });
      const empty = await api('POST', `${API}/queue/next`, { cookie: bo.cookie, csrf: bo.csrf });
      expect(empty.status).toBe(404);
      expect(empty.body).toMatchObject({ error: 'queue_empty' });
    });

    it('ending and returning write the assistant’s words into the citizen’s conversation', async () => {
      // A wrap-up code is checked: an unknown topic, outcome or field is a 400 and ends nothing.
      for (const body of [{ topic: 'no.such.topic' }, { outcome: 'happy' }, { topic: 'pas.bestil', note: 'x' }, []]) {
        const refused = await api(
          'POST',
          `${API}/conversations/rt-2/end`,
          { cookie: anna.cookie, csrf: anna.csrf },
          body,
        );
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
      }
      expect(
        (
          await api(
            'POST',
            `${API}/conversations/rt-2/end`,
            { cookie: anna.cookie, csrf: anna.csrf },
            { topic: 'pas.bestil', outcome: 'resolved' },
          )
        ).status,
      ).toBe(204);
      expect(
        (await api('POST', `${API}/conversations/rt-3/return`, { cookie: anna.cookie, csrf: anna.csrf })).status,
      ).toBe(204);
      const texts = async (id: string) =>
        (await server.storage.conversations.activitiesAfter(id, '', 1000)).activities.map(
          (a: Partial<Activity>) => a.text ?? '',
        );
      expect(await texts('rt-2')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Medarbejderen har afsluttet samtalen\. Tak, fordi du skrev\./),
          'Fik du den hjælp, du havde brug for?',
        ]),
      );
      expect(await texts('rt-3')).toContain(
        'Medarbejderen har sendt dig tilbage til mig, assistenten. Skriv bare dit spørgsmål.',
      );
      // No longer hers: she cannot end it twice or read it.
      const again = await api('POST', `${API}/conversations/rt-2/end`, { cookie: anna.cookie, csrf: anna.csrf });
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ error: 'not_yours' });
      expect(await server.storage.handoffQueue.recentHandlingTimes('faelles')).toHaveLength(2);
    });

    it('lists callback requests of her queues with the phone number, and closes them once', async () => {
      const request = await server.storage.callbacks.add(
        { municipalityId: 'havbakke', queueId: 'faelles', language: 'da', phone: '12 34 56 78', message: 'Om mit pas' },
        new Date(),
      );
      const listed = await api('GET', `${API}/callbacks`, { cookie: anna.cookie });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({
        callbacks: [
          {
            id: request.id,
            municipality: { id: 'havbakke', name: 'Havbakke Kommune' },
            language: 'da',
            phone: '12 34 56 78',
            message: 'Om mit pas',
            conversationId: null,
            createdAt: request.createdAt,
          },
        ],
      });
      expect(
        (await api('POST', `${API}/callbacks/${request.id}/done`, { cookie: anna.cookie, csrf: anna.csrf })).status,
      ).toBe(204);
      const twice = await api('POST', `${API}/callbacks/${request.id}/done`, { cookie: anna.cookie, csrf: anna.csrf });
      expect(twice.status).toBe(404);
      expect(twice.body).toMatchObject({ error: 'not_found' });
      expect((await api('GET', `${API}/callbacks`, { cookie: anna.cookie })).body).toEqual({ callbacks: [] });
    });

    it('shows the redacted chat behind a callback request of her queues, and 404 once the citizen deleted it', async () => {
      const conversations = server.storage.conversations;
      await conversations.createConversation({
        id: 'cb-chat',
        municipalityId: 'boegely',
        origin: '',
        createdAt: new Date().toISOString(),
        locale: 'da-DK',
      });
      // As the Direct Line channel stores them: the citizen's message redacted, the reply without the number.
      await conversations.appendActivity('cb-chat', {
        type: 'message',
        text: 'Mit nummer er [telefonnummer fjernet]',
        from: { id: 'citizen', name: 'Borger', role: 'user' },
      });
      await conversations.appendActivity('cb-chat', {
        type: 'event',
        name: 'handoff.status',
        value: { state: 'callbackRequested' },
      });
      await conversations.appendActivity('cb-chat', {
        type: 'message',
        text: 'Tak. En medarbejder ringer dig op på nummeret, der slutter på 78.',
        from: { id: 'bot', name: 'Assistent', role: 'bot' },
      });
      const request = await server.storage.callbacks.add(
        {
          municipalityId: 'boegely',
          conversationId: 'cb-chat',
          queueId: 'faelles',
          language: 'da',
          phone: '12 34 56 78',
          message: 'Om mit pas',
        },
        new Date(),
      );
      const route = `${API}/callbacks/${request.id}/conversation`;

      const listed = await api('GET', `${API}/callbacks`, { cookie: anna.cookie });
      expect(listed.body).toEqual({
        callbacks: [expect.objectContaining({ id: request.id, conversationId: 'cb-chat' })],
      });

      const shown = await api('GET', route, { cookie: anna.cookie });
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({
        conversationId: 'cb-chat',
        transcript: [
          expect.objectContaining({ from: 'citizen', name: 'Borger', text: 'Mit nummer er [telefonnummer fjernet]' }),
          expect.objectContaining({ from: 'system', text: 'Borgeren bad om at blive ringet op.' }),
          expect.objectContaining({
            from: 'assistant',
            text: 'Tak. En medarbejder ringer dig op på nummeret, der slutter på 78.',
          }),
        ],
      });
      expect(JSON.stringify(shown.body)).not.toContain('12 34 56 78');
      expect(shown.headers.get('cache-control')).toMatch(/no-store/);
      expect((await api('GET', route)).status).toBe(401);

      // Only requests in her own queues.
      const elsewhere = await server.storage.callbacks.add(
        {
          municipalityId: 'boegely',
          conversationId: 'cb-chat',
          queueId: 'andet',
          language: 'da',
          phone: '12 34 56 78',
          message: 'Om mit pas',
        },
        new Date(),
      );
      const notHers = await api('GET', `${API}/callbacks/${elsewhere.id}/conversation`, { cookie: anna.cookie });
      expect(notHers.status).toBe(404);
      expect(notHers.body).toMatchObject({ error: 'not_found' });
      expect((await api('GET', `${API}/callbacks/not%20an%20id/conversation`, { cookie: anna.cookie })).status).toBe(
        400,
      );

      // "Slet samtalen": the request stays (staff still call), the chat is gone.
      await conversations.deleteConversation('cb-chat');
      const gone = await api('GET', route, { cookie: anna.cookie });
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ error: 'conversation_gone', message: expect.any(String) });

      // A request from before the conversation was recorded has no chat to show.
      const older = await server.storage.callbacks.add(
        { municipalityId: 'boegely', queueId: 'faelles', language: 'da', phone: '12 34 56 78', message: 'Om mit pas' },
        new Date(),
      );
      expect(
        (await api('GET', `${API}/callbacks/${older.id}/conversation`, { cookie: anna.cookie })).body,
      ).toMatchObject({ error: 'conversation_gone' });

      for (const id of [request.id, elsewhere.id, older.id]) await server.storage.callbacks.remove(id);
    });
  });

  describe('wrap-up codes', () => {
    it('lists every topic by its Danish title and the four outcomes', async () => {
      const answer = await api('GET', `${API}/wrap-up-codes`, { cookie: anna.cookie });
      expect(answer.status).toBe(200);
      const body = answer.body as {
        topics: { id: string; title: string }[];
        outcomes: { id: string; title: string }[];
      };
      expect(body.topics).toContainEqual({ id: 'pas.bestil', title: 'Bestil pas' });
      expect(body.outcomes).toEqual([
        { id: 'resolved', title: 'Løst' },
        { id: 'follow-up', title: 'Kræver opfølgning' },
        { id: 'referred', title: 'Henvist videre' },
        { id: 'not-resolved', title: 'Ikke løst' },
      ]);
    });
  });

  describe('presence', () => {
    const setStatus = (who: Session, status: unknown) =>
      api('PUT', `${API}/status`, { cookie: who.cookie, csrf: who.csrf }, { status });
    const state = async (who: Session) =>
      (await api('GET', `${API}/state`, { cookie: who.cookie })).body as {
        onDuty: number;
        presence: { status: string };
        colleagues: { id: string; status: string }[];
      };

    it('an agent on a break takes no citizen, does not count on duty, and colleagues see it; available again, she does', async () => {
      const desk = server.handoff.desk;
      const queue = server.storage.handoffQueue;
      await queue.heartbeat('anna', ['faelles'], new Date(), 60_000);
      await queue.heartbeat('bo', ['faelles'], new Date(), 60_000);
      const before = (await state(bo)).onDuty;

      expect(await setStatus(bo, 'break')).toEqual(expect.objectContaining({ status: 200, body: { status: 'break' } }));
      expect((await state(bo)).presence.status).toBe('break');
      expect((await state(anna)).colleagues.find((c) => c.id === 'bo')?.status).toBe('break');
      expect((await state(anna)).onDuty).toBe(before - 1);

      await waitingCitizen('presence-1');
      const refused = await api('POST', `${API}/queue/next`, { cookie: bo.cookie, csrf: bo.csrf });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'not_available' });
      expect(
        (await api('POST', `${API}/conversations/presence-1/claim`, { cookie: bo.cookie, csrf: bo.csrf })).status,
      ).toBe(409);
      expect(await queue.position('presence-1')).toBe(1);

      expect((await setStatus(bo, 'available')).status).toBe(200);
      expect((await state(anna)).colleagues.find((c) => c.id === 'bo')?.status).toBe('available');
      const taken = await api('POST', `${API}/conversations/presence-1/claim`, { cookie: bo.cookie, csrf: bo.csrf });
      expect(taken.status).toBe(200);
      await desk.end(
        { id: 'bo', name: 'Bo', role: 'agent', queues: ['faelles'], maxConversations: 3 },
        'presence-1',
        new Date(),
      );
    });

    it('refuses an unknown status or a bad body with a JSON 400, and a change without the CSRF token with 403', async () => {
      for (const body of [{ status: 'asleep' }, { status: 'break', extra: 1 }, {}, 'break']) {
        const answer = await api('PUT', `${API}/status`, { cookie: anna.cookie, csrf: anna.csrf }, body);
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }
      expect((await api('PUT', `${API}/status`, { cookie: anna.cookie }, { status: 'away' })).status).toBe(403);
      expect((await state(anna)).presence.status).toBe('available');
    });

    it('shows a signed-out colleague as signed out', async () => {
      const colleague = await signIn(server.base, 'bo');
      await server.storage.handoffQueue.signOff('bo');
      expect((await state(anna)).colleagues.find((c) => c.id === 'bo')?.status).toBe('signed-out');
      expect((await state(colleague)).presence.status).toBe('available');
    });
  });

  describe('the event stream', () => {
    it('answers text/event-stream with a snapshot first, and keeps the agent on duty', async () => {
      const { status, contentType, snapshot } = await firstSnapshot(server.base, anna.cookie);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/event-stream/);
      expect(snapshot).toEqual({
        queue: expect.any(Array),
        left: expect.any(Array),
        mine: [
          expect.objectContaining({
            conversationId: 'rt-1',
            municipality: { id: 'boegely', name: 'Bøgely Kommune' },
            claimedAt: expect.any(String),
          }),
        ],
        onDuty: expect.any(Number),
        callbacks: 0,
        presence: { status: 'available', awayAfterMinutes: 10 },
        colleagues: [
          { id: 'bo', name: 'Bo', status: expect.any(String), conversations: expect.any(Number) },
          { id: 'sofie', name: 'Sofie', status: expect.any(String), conversations: expect.any(Number) },
        ],
      });
      expect((snapshot as { onDuty: number }).onDuty).toBeGreaterThanOrEqual(1);
      expect(await server.storage.handoffQueue.isOnDuty('anna', new Date())).toBe(true);
    });
  });
});

describe('signing in', () => {
  let server: StaffServer;
  beforeAll(async () => {
    server = await startStaffServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const signInWith = (body: unknown, origin?: string) =>
    call(server.base, 'POST', `${API}/session`, origin ? { origin } : {}, body);

  it('refuses a wrong password with 401 invalid_credentials and sets no cookie', async () => {
    const answer = await signInWith({ username: 'anna', password: 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_credentials' });
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect((await signInWith({ username: 'nobody', password: 'demo-anna' })).status).toBe(401);
  });

  it('refuses a bad body with a JSON 400', async () => {
    for (const body of [
      { username: 'anna' },
      { username: '', password: 'x' },
      { username: 'anna', password: 'demo-anna', remember: true },
      '{"username":',
      'x'.repeat(10),
    ]) {
      const answer = await signInWith(body);
      expect([body, answer.status]).toEqual([body, 400]);
      expect(answer.body).toMatchObject({ error: 'bad_request' });
    }
  });

  it('refuses a sign-in from another site, even with the right password', async () => {
    const answer = await signInWith({ username: 'anna', password: 'demo-anna' }, FOREIGN_ORIGIN);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'csrf' });
    expect(answer.headers.get('set-cookie')).toBeNull();
    const own = await signInWith({ username: 'anna', password: 'demo-anna' }, server.base);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ agent: { id: 'anna' } });
  });

  // Different loopback addresses are different clients: the throttle counts by socket address here.
  const signInFrom = (localAddress: string, username: string, password: string) =>
    callFrom(server.base, localAddress, { username, password });

  it('after 5 failures for one username from one address makes the next try there wait: 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signInFrom('127.0.0.2', 'bo', `guess-${i}`)).status).toBe(401);
    const waiting = await signInFrom('127.0.0.2', 'bo', 'demo-bo');
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ error: 'rate_limited' });
    const retryAfter = Number(waiting.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(waiting.headers['set-cookie']).toBeUndefined();
    // Only that username at that address waits: another account from the same address signs in.
    expect((await signInFrom('127.0.0.2', 'sofie', 'demo-sofie')).status).toBe(200);
    // Every try with a password costs an argon2id verification: slow on a busy machine.
  }, 90_000);

  it("never lets a stranger's wrong passwords keep the real user out at their own address", async () => {
    const stranger: number[] = [];
    for (let i = 0; i < 6; i += 1) stranger.push((await signInFrom('127.0.0.3', 'anna', `guess-${i}`)).status);
    // The stranger is slowed down (the sixth try comes within the first delay)…
    expect(stranger).toEqual([401, 401, 401, 401, 401, 429]);
    // …and the real Anna, at her own address, signs in at once, with the right password as with a typo first.
    expect((await signInFrom('127.0.0.4', 'anna', 'demo-anna')).status).toBe(200);
    expect((await signInFrom('127.0.0.4', 'anna', 'demo-ana')).status).toBe(401);
    expect((await signInFrom('127.0.0.4', 'anna', 'demo-anna')).status).toBe(200);
  }, 90_000);
});

describe('signing in: one address trying many accounts', () => {
  let server: StaffServer;
  beforeAll(async () => {
    // An address gets ten times a username-and-address's free failures: here 1 and 10.
    server = await startStaffServer({ STAFF_SIGNIN_MAX_FAILURES: '1' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('slows an address after its own, looser number of failures, whichever usernames it tries, and no other address', async () => {
    for (let i = 0; i < 10; i += 1)
      expect((await callFrom(server.base, '127.0.0.5', { username: `nobody-${i}`, password: 'guess' })).status).toBe(
        401,
      );
    const waiting = await callFrom(server.base, '127.0.0.5', { username: 'anna', password: 'demo-anna' });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    expect((await callFrom(server.base, '127.0.0.6', { username: 'anna', password: 'demo-anna' })).status).toBe(200);
    // Each wrong password costs an argon2id verification (about 0.3 s, far more on a busy machine).
  }, 90_000);
});
