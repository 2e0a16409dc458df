import { diffLines } from 'diff';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type restify from 'restify';
import { loadConfig } from '../../bot/runtime/config';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import { InMemoryStaffSessionStore } from '../../bot/staff/in-memory-staff-session-store';
import { loadStaffDirectory } from '../../bot/staff/staff-directory';
import { DiskKnowledgeVersionStore } from '../../bot/studio/disk-knowledge-version-store';
import { InMemoryAuditLog } from '../../bot/studio/in-memory-audit-log';
import { InMemoryDraftStore } from '../../bot/studio/in-memory-draft-store';
import { InMemoryPresenceStore } from '../../bot/studio/in-memory-presence-store';
import type { StudioRouteParts } from '../../bot/studio/studio-routes';
import { StudioWorkspace } from '../../bot/studio/studio-workspace';
import { InMemoryUnansweredStore } from '../../bot/unanswered/unanswered-store';
import { readKnowledgeFiles } from '../../knowledge/knowledge-files';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';
import { cheapDemoStaffFile } from '../support/cheap-staff-file';
import { shippedKnowledge, stubKnowledgeSource } from '../support/stub-knowledge-source';
import { DraftTrials } from '../../bot/studio/draft-trials';
import type { IntentDecision } from '../../intents/intent-decision';

const API = '/api/studio';

/** Set by a test: the next training of the draft fails (as a crashed worker would). */
let trainingFailsOnce = false;
let draftDecides: (text: string) => IntentDecision = (text) =>
  /pas/.test(text) ? { kind: 'answer', intent: 'pas.mistet', score: 0.9 } : { kind: 'fallback', reason: 'none-class' };
const FOREIGN_ORIGIN = 'https://evil.example';

/** The studio's routes on the real server, with in-memory drafts and audit and versions on disk in a temp folder. */
interface StudioServer {
  readonly base: string;
  readonly parts: StudioRouteParts;
  readonly published: string[];
  close(): Promise<void>;
}

async function startStudioServer(): Promise<StudioServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', STAFF_ACCOUNTS_FILE: await cheapDemoStaffFile() });
  const logger = createLogger('silent');
  const data = await mkdtemp(path.join(os.tmpdir(), 'studio-api-'));
  const versions = new DiskKnowledgeVersionStore(data);
  await versions.publish(
    { files: await readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIRECTORY), author: 'system', comment: 'v1' },
    0,
  );
  const knowledge = await shippedKnowledge();
  const published: string[] = [];
  // What citizens get now: every question about a passport is answered with the lost-passport intent.
  const live = await stubKnowledgeSource((text) =>
    /pas/.test(text)
      ? { kind: 'answer', intent: 'pas.mistet', score: 0.9 }
      : { kind: 'fallback', reason: 'none-class' },
  );
  const parts: StudioRouteParts = {
    directory: await loadStaffDirectory(config.STAFF_ACCOUNTS_FILE ?? ''),
    sessions: new InMemoryStaffSessionStore({ idleSeconds: 3600, absoluteSeconds: 7200 }),
    workspace: new StudioWorkspace(versions, new InMemoryDraftStore()),
    audit: new InMemoryAuditLog(),
    presence: new InMemoryPresenceStore(),
    unanswered: new InMemoryUnansweredStore(),
    knowledge: () => knowledge,
    live: () => live,
    // The draft's classifier: what the test sets in draftDecides, without training a model.
    trials: new DraftTrials(async () => {
      if (trainingFailsOnce) {
        trainingFailsOnce = false;
        throw new Error('training worker exited with code 1');
      }
      return {
        classify: async (text, language) => {
          const decision = draftDecides(text);
          return {
            language,
            decision,
            ranked: decision.kind === 'answer' ? [{ intent: decision.intent, score: decision.score }] : [],
            knownWords: 1,
            similarity: 1,
          };
        },
      };
    }),
    logger,
    secureCookies: false,
    publish: async (publication, basedOn) => {
      const version = await versions.publish(publication, basedOn);
      published.push(version.comment);
      return version;
    },
  };
  // The staff routes are needed for signing in; the studio shares their sessions.
  const server: restify.Server = createServer({
    config,
    bot: () => undefined,
    logger,
    isReady: () => true,
    studio: parts,
  });
  registerSignIn(server, parts);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    parts,
    published,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** A sign-in route for the test server: the staff routes' own, without the staffed queue around them. */
function registerSignIn(server: restify.Server, parts: StudioRouteParts): void {
  server.post('/test/session', async (req: restify.Request, res: restify.Response) => {
    const { username, password } = req.body as { username: string; password: string };
    const account = await parts.directory.verify(username, password);
    if (!account) {
      res.send(401, {});
      return;
    }
    const session = await parts.sessions.create(account.id, new Date());
    res.header('Set-Cookie', `bsa_staff=${session.id}; Path=/; HttpOnly; SameSite=Strict`);
    res.send(200, { csrfToken: session.csrfToken });
  });
}

class EditorClient {
  private cookie = '';
  csrfToken = '';

  constructor(readonly base: string) {}

  async signIn(username: string): Promise<void> {
    const response = await fetch(`${this.base}/test/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `demo-${username}` }),
    });
    if (response.status !== 200) throw new Error(`sign-in: ${response.status}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  request(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${API}${route}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async json<T>(method: string, route: string, body?: unknown, expected = 200): Promise<T> {
    const response = await this.request(method, route, body);
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${route}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

const PASSPORT = encodeURIComponent('intents/pas.mistet.yaml');
/** A file both eva (all files) and mads (Havbakke only) may change. */
const HAVBAKKE = encodeURIComponent('municipalities/havbakke.yaml');
/** The English title of the shipped lost-passport intent, to put back after a test changes it. */
const fileTitle = 'Lost or stolen passport';

interface FileView {
  text: string | null;
  draft: { revision: number; editedBy: string } | null;
  problems: { field?: (string | number)[]; message: string; line?: number }[];
  plainLanguage: { field: (string | number)[]; lix: number; band: string; longestSentenceWords: number }[];
  data: { facets?: Record<string, { da: string }> } | null;
}

describe('knowledge studio API', () => {
  let studio: StudioServer;
  let admin: EditorClient;

  beforeAll(async () => {
    studio = await startStudioServer();
    admin = new EditorClient(studio.base);
    await admin.signIn('sofie');
  });
  afterAll(async () => {
    await studio.close();
  });

  test('serves the studio page under its own policy, and no file outside its folder', async () => {
    const page = await fetch(`${studio.base}/studio/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    for (const target of ['/studio/API.md', '/studio/%2e%2e%2fconsole%2fmain.js', '/studio/..%2f..%2fpackage.json']) {
      expect((await fetch(`${studio.base}${target}`)).status).toBe(404);
    }
    expect((await fetch(`${studio.base}/webchat/studio/API.md`)).status).toBe(404);
  });

  test('the overview lists every content file with its title and what the editor may change', async () => {
    const overview = await admin.json<{
      editor: { id: string; role: string };
      published: { number: number };
      items: { path: string; kind: string; title: string; editable: boolean }[];
      municipalities: { id: string }[];
    }>('GET', '/overview');
    expect(overview.editor).toMatchObject({ id: 'sofie', role: 'admin' });
    expect(overview.published.number).toBe(1);
    expect(overview.items.find((item) => item.path === 'intents/pas.mistet.yaml')).toMatchObject({
      kind: 'intent',
      editable: true,
    });
    expect(overview.items.some((item) => item.kind === 'guide')).toBe(true);
    expect(overview.items.some((item) => item.kind === 'municipality')).toBe(true);
    expect(overview.municipalities.map((m) => m.id)).toContain('boegely');
  });

  test('an intent shows what the citizens of each municipality get, shared or local', async () => {
    const view = await admin.json<{
      perMunicipality: {
        overrides: { municipalityId: string; parts: string[] }[];
        answers: { da: { facets: Record<string, { municipalityId: string; source: string; text: string }[]> } };
      };
    }>('GET', `/files/${encodeURIComponent('intents/affald.storskrald.yaml')}`);
    expect(view.perMunicipality.overrides.map((o) => o.municipalityId)).toEqual(['havbakke']);
    const where = view.perMunicipality.answers.da.facets.where ?? [];
    expect(where.find((a) => a.municipalityId === 'havbakke')?.source).toBe('local');
    expect(where.find((a) => a.municipalityId === 'boegely')?.source).toBe('shared');
    expect(where.every((a) => !a.text.includes('{{'))).toBe(true);
  });

  test('a field edit becomes a draft that keeps the rest of the file; a save on an old revision is refused with the other change', async () => {
    const before = await admin.json<FileView>('GET', `/files/${PASSPORT}`);
    expect(before.draft).toBeNull();
    const saved = await admin.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['facets', 'cost', 'da'], value: 'Et nyt pas koster 1.000 kr. for voksne.' }],
      revision: 0,
    });
    expect(saved.draft?.revision).toBe(1);
    expect(saved.data?.facets?.cost?.da.trim()).toBe('Et nyt pas koster 1.000 kr. for voksne.');
    // Everything but the changed line is as it was: comments and layout kept for review in Git.
    const changes = diffLines(before.text ?? '', saved.text ?? '');
    const added = changes.filter((part) => part.added).map((part) => part.value);
    const removed = changes.filter((part) => part.removed).map((part) => part.value);
    expect(added.join('').split('\n').filter(Boolean)).toEqual([
      expect.stringContaining('Et nyt pas koster 1.000 kr. for voksne.'),
    ]);
    const oldCost = before.data?.facets?.cost?.da ?? '';
    expect(oldCost).not.toBe('');
    for (const line of removed.join('').split('\n').filter(Boolean)) expect(oldCost).toContain(line.trim());
    const stale = await admin.request('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['facets', 'cost', 'da'], value: 'En anden pris.' }],
      revision: 0,
    });
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { error: string; message: string; current: { revision: number } };
    expect(conflict.error).toBe('conflict');
    expect(conflict.current.revision).toBe(1);
    expect(conflict.message).toMatch(/sofie har ændret filen/);
  });

  test('problems are shown at the field, and the klarsprog meter measures each answer', async () => {
    const view = await admin.json<FileView>('GET', `/files/${PASSPORT}`);
    const revision = view.draft?.revision ?? 0;
    const broken = await admin.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['answer', 'da'], value: 'Se {{links.ukendt}} for mere.' }],
      revision,
    });
    expect(broken.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['answer', 'da'], message: expect.stringContaining('links.ukendt') }),
      ]),
    );
    const meter = broken.plainLanguage.find((entry) => entry.field.join('.') === 'facets.cost.da');
    expect(meter).toMatchObject({ band: expect.stringMatching(/^(let|middel|svaer)$/) });
    expect(meter?.longestSentenceWords).toBeGreaterThan(0);
    // Put the answer back, so the draft is valid for the publish test.
    const fixed = await admin.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['answer', 'da'], value: before(view) }],
      revision: revision + 1,
    });
    expect(fixed.problems).toEqual([]);
  });

  test('a profile’s fields are saved one by one, with problems of its local answers at their field and the shared answer beside them', async () => {
    const route = `/files/${encodeURIComponent('municipalities/havbakke.yaml')}`;
    const view = await admin.json<FileView & { sharedAnswers: Record<string, { answer: { da: string } }> | null }>(
      'GET',
      route,
    );
    expect(view.sharedAnswers?.['affald.storskrald']?.answer.da).toEqual(expect.any(String));
    expect(view.plainLanguage.map((meter) => meter.field)).toContainEqual([
      'answers',
      'affald.storskrald',
      'facets',
      'where',
      'da',
    ]);
    const broken = await admin.json<FileView>('PATCH', route, {
      set: [
        { field: ['phone'], value: '12ab' },
        { field: ['openingHours', 'monday', 0, 'to'], value: '08:00' },
      ],
      revision: 0,
    });
    const at = (field: (string | number)[]) =>
      broken.problems
        .filter((problem) => JSON.stringify(problem.field) === JSON.stringify(field))
        .map((p) => p.message);
    expect(at(['phone'])).toEqual(['Telefon: Skriv et telefonnummer som "+45 70 00 00 00".']);
    expect(at(['openingHours', 'monday', 0])).toEqual([expect.stringContaining('skal ligge før')]);
    // Only the changed lines differ from the published profile; its comments are kept.
    const changed = diffLines(view.text ?? '', broken.text ?? '').filter((part) => part.added || part.removed);
    expect(changed.filter((part) => part.removed).map((part) => part.value)).toEqual([
      'phone: "+45 10 20 30 50"\n',
      '  monday: [{ from: "09:00", to: "14:00" }]\n',
    ]);
    // A local answer to a facet the shared topic lacks: checked once the rest of the profile is valid.
    const local = await admin.json<FileView>('PATCH', route, {
      set: [
        { field: ['phone'], value: '+45 10 20 30 51' },
        { field: ['openingHours', 'monday', 0, 'to'], value: '14:00' },
        {
          field: ['answers', 'affald.storskrald', 'facets', 'deadline'],
          value: { da: 'Senest fredag.', en: 'By Friday.' },
        },
      ],
      revision: 1,
    });
    expect(local.problems).toEqual([
      expect.objectContaining({
        field: ['answers', 'affald.storskrald', 'facets', 'deadline'],
        message: expect.stringContaining('har ikke en fælles del om "deadline"'),
      }),
    ]);
    expect((await admin.request('DELETE', `${route}?revision=2`)).status).toBe(204);
  });

  test('a guide’s title, keywords and text are saved as fields, with its problems at them', async () => {
    const route = `/files/${encodeURIComponent('guides/aktindsigt.md')}`;
    const saved = await admin.json<FileView>('PATCH', route, {
      set: [
        { field: ['title'], value: '' },
        { field: ['keywords'], value: [] },
        { field: ['body'], value: 'Se {{links.ukendt}}.' },
      ],
      revision: 0,
    });
    const fields = saved.problems.map((problem) => JSON.stringify(problem.field));
    expect(fields).toEqual(expect.arrayContaining(['["title"]', '["keywords"]']));
    expect(saved.plainLanguage.map((meter) => meter.field)).toEqual(expect.arrayContaining([['summary'], ['body']]));
    const fixed = await admin.json<FileView>('PATCH', route, {
      set: [
        { field: ['title'], value: 'Aktindsigt' },
        { field: ['keywords'], value: ['aktindsigt'] },
        { field: ['body'], value: 'Se {{links.ukendt}}.' },
      ],
      revision: 1,
    });
    expect(fixed.problems).toEqual([
      expect.objectContaining({ field: ['body'], message: expect.stringContaining('links.ukendt') }),
    ]);
    expect((await admin.request('DELETE', `${route}?revision=2`)).status).toBe(204);
  });

  test('a whole file saved as text that is not valid YAML is kept as a draft with its problem and line', async () => {
    const route = `/files/${encodeURIComponent('guides/pas.md')}`;
    const exists = await admin.request('GET', route);
    const target = exists.status === 200 ? route : `/files/${encodeURIComponent('out-of-scope.yaml')}`;
    const current = await admin.json<FileView>('GET', target);
    const saved = await admin.json<FileView>('PUT', target, {
      text: `${current.text ?? ''}\n  : nope: [`,
      revision: 0,
    });
    expect(saved.problems.length).toBeGreaterThan(0);
    expect(saved.problems[0]?.line).toEqual(expect.any(Number));
    expect((await admin.request('DELETE', `${target}?revision=1`)).status).toBe(204);
    expect((await admin.json<FileView>('GET', target)).draft).toBeNull();
  });

  test('the test panel trains the draft, then classifies a redacted question and shows the reply as the widget would', async () => {
    const ask = () =>
      admin.request('POST', '/try', {
        question: 'jeg har mistet mit pas, mit cpr er 010190-1234',
        municipality: 'havbakke',
        language: 'da',
      });
    let response = await ask();
    expect([200, 202]).toContain(response.status);
    for (let tries = 0; response.status === 202 && tries < 100; tries++) {
      expect(await response.json()).toMatchObject({ status: 'training', progress: expect.any(Number) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await ask();
    }
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      question: string;
      classification: { ranked: { intent: string; title: string }[]; decision: string };
      replies: { text: string; actions: { title: string }[] }[];
    };
    expect(answer.question).not.toContain('010190-1234');
    expect(answer.question).toContain('[CPR-nummer fjernet]');
    expect(answer.classification.decision).toBe('answer');
    expect(answer.classification.ranked[0]).toMatchObject({ intent: 'pas.mistet', title: expect.any(String) });
    // The answer as the citizen of the chosen municipality would read it: its own pages filled in.
    expect(answer.replies.map((reply) => reply.text).join('\n')).toContain('havbakke.example');
    const bad = await admin.request('POST', '/try', { question: 'x', municipality: 'atlantis', language: 'da' });
    expect(bad.status).toBe(400);
  });

  test('the review shows what got better and worse in the check sentences; a draft that breaks more than it fixes needs an admin', async () => {
    const editor = new EditorClient(studio.base);
    await editor.signIn('eva');
    const fine = await reviewed(editor);
    expect(fine.report.needsAdmin).toBe(false);
    // A draft whose model answers nothing: every topic the published model got right gets worse.
    draftDecides = () => ({ kind: 'fallback', reason: 'none-class' });
    const saved = await editor.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['title', 'en'], value: 'Lost passport' }],
      revision: (await editor.json<FileView>('GET', `/files/${PASSPORT}`)).draft?.revision ?? 0,
    });
    expect(saved.draft).not.toBeNull();
    const broken = await reviewed(editor);
    expect(broken.report.needsAdmin).toBe(true);
    // The lost-passport topic's held-out check sentences, not its training sentences.
    const { checks } = (await shippedKnowledge()).intents.get('pas.mistet') ?? {};
    const passportChecks = [...(checks?.da ?? []), ...(checks?.en ?? [])].filter((text) => /pas/.test(text));
    expect(passportChecks.length).toBeGreaterThan(0);
    expect(broken.report.worse.map((row) => row.message).sort()).toEqual(passportChecks.sort());
    expect(broken.report.worse[0]).toMatchObject({ expected: 'pas.mistet', after: 'fallback', source: 'check' });
    expect(broken.report.tally.check.cases).toBeGreaterThan(100);
    const refused = await editor.request('POST', '/publish', {
      comment: 'Ny titel',
      basedOn: broken.basedOn,
      fingerprint: broken.fingerprint,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'needs_admin' });
    draftDecides = (text) =>
      /pas/.test(text)
        ? { kind: 'answer', intent: 'pas.mistet', score: 0.9 }
        : { kind: 'fallback', reason: 'none-class' };
    // Back to the draft of the earlier tests: the title as it was.
    await editor.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['title', 'en'], value: fileTitle }],
      revision: saved.draft?.revision ?? 0,
    });
  });

  test('a training that fails is said once with 503 training_failed (logged, never a bare 500), and the next ask trains again', async () => {
    const editor = new EditorClient(studio.base);
    await editor.signIn('eva');
    const view = await editor.json<FileView>('GET', `/files/${PASSPORT}`);
    trainingFailsOnce = true;
    const changed = await editor.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['title', 'en'], value: 'Lost passport (training fails)' }],
      revision: view.draft?.revision ?? 0,
    });
    let failed: Response | undefined;
    for (let tries = 0; tries < 200 && !failed; tries++) {
      const response = await editor.request('POST', '/publish/review', {});
      if (response.status !== 202) failed = response;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(failed?.status).toBe(503);
    expect(await failed?.json()).toEqual({
      error: 'training_failed',
      message: 'Træningen af kladden mislykkedes. Prøv igen.',
    });
    expect((await reviewed(editor)).report.needsAdmin).toBe(false);
    await editor.json<FileView>('PATCH', `/files/${PASSPORT}`, {
      set: [{ field: ['title', 'en'], value: fileTitle }],
      revision: changed.draft?.revision ?? 0,
    });
  });

  test("an intent's check sentences are edited like its training sentences, reported at the field, and checked by the review", async () => {
    const wedding = encodeURIComponent('intents/vielse.yaml');
    const view = await admin.json<FileView & { data: { checks?: { da?: string[] } } }>('GET', `/files/${wedding}`);
    const checks = view.data.checks?.da ?? [];
    expect(checks.length).toBeGreaterThan(0);
    const before = (await reviewed(admin)).report.tally.check.cases;
    const added = await admin.json<FileView>('PATCH', `/files/${wedding}`, {
      set: [{ field: ['checks', 'da'], value: [...checks, 'kan min bror være vidne når vi bliver gift'] }],
      revision: 0,
    });
    expect(added.problems).toEqual([]);
    // Only the new sentence is added to the file; comments and the rest stay for review in Git.
    const changes = diffLines(view.text ?? '', added.text ?? '');
    expect(changes.filter((part) => part.added).map((part) => part.value.trim())).toEqual([
      '- kan min bror være vidne når vi bliver gift',
    ]);
    expect(changes.filter((part) => part.removed)).toEqual([]);
    // The review checks the draft's check sentences: one more now.
    expect((await reviewed(admin)).report.tally.check.cases).toBe(before + 1);
    // A check sentence that is also a training sentence would be learnt: refused at its field, in Danish.
    const repeated = await admin.json<FileView>('PATCH', `/files/${wedding}`, {
      set: [{ field: ['checks', 'da'], value: [...checks, 'bryllup rådhus'] }],
      revision: 1,
    });
    expect(repeated.problems).toEqual([
      expect.objectContaining({
        field: ['checks', 'da', checks.length],
        message: expect.stringContaining('Kontrolsætningen "bryllup rådhus" står også som eksempel'),
      }),
    ]);
    expect((await admin.request('DELETE', `/files/${wedding}?revision=2`)).status).toBe(204);
  });

  test('a limited editor changes only their own municipality, and the overview says so', async () => {
    const mads = new EditorClient(studio.base);
    await mads.signIn('mads');
    const overview = await mads.json<{
      editor: { municipalities: string[] | null; sharedContent: boolean };
      items: { path: string; editable: boolean }[];
    }>('GET', '/overview');
    expect(overview.editor).toEqual(expect.objectContaining({ municipalities: ['havbakke'], sharedContent: false }));
    const editable = overview.items.filter((item) => item.editable).map((item) => item.path);
    expect(editable).toEqual(['municipalities/havbakke.yaml']);
    const own = encodeURIComponent('municipalities/havbakke.yaml');
    const saved = await mads.json<FileView>('PATCH', `/files/${own}`, {
      set: [{ field: ['phone'], value: '+45 11 22 33 44' }],
      revision: 0,
    });
    expect(saved.draft?.revision).toBe(1);
    for (const other of ['municipalities/boegely.yaml', 'intents/pas.mistet.yaml']) {
      const refused = await mads.request('PATCH', `/files/${encodeURIComponent(other)}`, {
        set: [{ field: ['id'], value: 'x' }],
        revision: 0,
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    }
    // The draft also holds a shared change by someone else, which a limited editor may not publish.
    const check = await mads.json<{ fingerprint: string; basedOn: number }>('POST', '/check', {});
    const publish = await mads.request('POST', '/publish', {
      comment: 'Nyt nummer',
      fingerprint: check.fingerprint,
      basedOn: check.basedOn,
    });
    expect(publish.status).toBe(403);
    expect((await mads.request('DELETE', `/files/${own}?revision=1`)).status).toBe(204);
  });

  test('two editors with the same file open see each other, and the one who did not save sees the change', async () => {
    interface Presence {
      heartbeatSeconds: number;
      others: { id: string; name: string; seenAt: string }[];
      draft: { revision: number; editedBy: string; editedByName: string; editedAt: string } | null;
    }
    const eva = new EditorClient(studio.base);
    const mads = new EditorClient(studio.base);
    await Promise.all([eva.signIn('eva'), mads.signIn('mads')]);
    const opened = await eva.json<FileView>('GET', `/files/${HAVBAKKE}`);
    expect(opened.draft).toBeNull();
    const alone = await eva.json<Presence>('POST', `/presence/${HAVBAKKE}`, { revision: 0 });
    expect(alone).toMatchObject({ heartbeatSeconds: 10, others: [], draft: null });
    const both = await mads.json<Presence>('POST', `/presence/${HAVBAKKE}`, { revision: 0 });
    expect(both.others).toEqual([{ id: 'eva', name: 'Eva', seenAt: expect.any(String) }]);
    // Mads saves; eva's next heartbeat carries a revision her page did not save, by Mads.
    await mads.json<FileView>('PATCH', `/files/${HAVBAKKE}`, {
      set: [{ field: ['phone'], value: '+45 11 22 33 44' }],
      revision: 0,
    });
    const seen = await eva.json<Presence>('POST', `/presence/${HAVBAKKE}`, { revision: 0 });
    expect(seen.others.map((other) => other.name)).toEqual(['Mads']);
    expect(seen.draft).toMatchObject({ revision: 1, editedBy: 'mads', editedByName: 'Mads' });
    // What Mads changed, from the text eva's page has, as a diff.
    const compared = await eva.json<{ changes: { path: string; patch: string }[] }>(
      'POST',
      `/files/${HAVBAKKE}/compare`,
      { since: opened.text },
    );
    expect(compared.changes).toHaveLength(1);
    expect(compared.changes[0]?.patch).toMatch(/^\+.*\+45 11 22 33 44/m);
    expect(compared.changes[0]?.patch).toMatch(/^-.*phone/m);
    // Mads closes the file: eva is alone again at once.
    expect((await mads.request('DELETE', `/presence/${HAVBAKKE}`)).status).toBe(204);
    expect((await eva.json<Presence>('POST', `/presence/${HAVBAKKE}`, { revision: 1 })).others).toEqual([]);
    expect((await eva.request('DELETE', `/files/${HAVBAKKE}?revision=1`)).status).toBe(204);
  });

  test('publishing needs the fingerprint of the reviewed draft; afterwards the draft is settled and the version listed with its diff', async () => {
    const check = await admin.json<{
      fingerprint: string;
      basedOn: number;
      problems: unknown[];
      changes: { path: string }[];
    }>('POST', '/check', {});
    expect(check.problems).toEqual([]);
    expect(check.changes.map((change) => change.path)).toEqual(['intents/pas.mistet.yaml']);
    const wrong = await admin.request('POST', '/publish', {
      comment: 'Ny pris',
      basedOn: check.basedOn,
      fingerprint: '0'.repeat(64),
    });
    expect(wrong.status).toBe(409);
    const empty = await admin.request('POST', '/publish', {
      comment: '',
      basedOn: check.basedOn,
      fingerprint: check.fingerprint,
    });
    expect(empty.status).toBe(400);
    const { version } = await admin.json<{ version: { number: number; author: string } }>(
      'POST',
      '/publish',
      { comment: 'Ny pris på pas', basedOn: check.basedOn, fingerprint: check.fingerprint },
      201,
    );
    expect(version).toMatchObject({ number: 2, author: 'sofie' });
    expect(studio.published).toContain('Ny pris på pas');
    expect((await admin.json<FileView>('GET', `/files/${PASSPORT}`)).draft).toBeNull();
    const detail = await admin.json<{ changes: { path: string; patch: string }[] }>('GET', '/versions/2');
    expect(detail.changes[0]?.patch).toContain('+      Et nyt pas koster 1.000 kr. for voksne.'.trim().slice(1));
    const stale = await admin.request('POST', '/publish', {
      comment: 'Igen',
      basedOn: 1,
      fingerprint: check.fingerprint,
    });
    expect(stale.status).toBe(409);
  });

  test('rollback publishes an earlier version again as a new one, and the audit log shows every step', async () => {
    const { version } = await admin.json<{ version: { number: number; restores: number } }>(
      'POST',
      '/versions/1/restore',
      { basedOn: 2 },
      201,
    );
    expect(version).toMatchObject({ number: 3, restores: 1 });
    const restored = await studio.parts.workspace.published();
    const first = await studio.parts.workspace.versions.get(1);
    expect(restored?.fingerprint).toBe(first?.fingerprint);
    const { entries } = await admin.json<{ entries: { id: string; action: string; actor: string }[] }>(
      'GET',
      '/audit?limit=200',
    );
    const actions = entries.map((entry) => entry.action);
    expect(actions[0]).toBe('version.restored');
    expect(actions).toEqual(expect.arrayContaining(['draft.saved', 'draft.discarded', 'version.published']));
    expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set(['sofie', 'eva', 'mads']));
    const page = await admin.json<{ entries: { id: string }[] }>('GET', `/audit?limit=2`);
    const next = await admin.json<{ entries: { id: string }[] }>('GET', `/audit?limit=2&before=${page.entries[1]?.id}`);
    expect(next.entries[0]?.id).toBe(entries[2]?.id);
  });

  test('the inbox groups questions; one click adds one as a training example to a draft and removes it', async () => {
    const inbox = studio.parts.unanswered;
    if (!inbox) throw new Error('the test server has an inbox');
    const asked = [
      'hvordan får jeg et hundetegn',
      'hvor køber jeg hundetegn',
      'hundetegn til min hund',
      'hvad blev vejret i går',
    ];
    for (const text of asked)
      await inbox.record({
        id: randomUUID(),
        municipalityId: 'boegely',
        language: 'da',
        text,
        reason: 'fallback',
        conversationKey: 'a'.repeat(64),
        at: new Date().toISOString(),
      });
    const { clusters } = await admin.json<{ clusters: { count: number; examples: { id: string; text: string }[] }[] }>(
      'GET',
      '/inbox',
    );
    const dogs = clusters.find((cluster) => cluster.examples.some((e) => e.text.includes('hundetegn')));
    expect(dogs?.count).toBe(3);
    if (!dogs) throw new Error('no cluster of dog-licence questions');
    const [example] = dogs.examples;
    if (!example) throw new Error('no example');
    const { draft } = await admin.json<{ draft: { path: string; text: string } }>('POST', '/inbox/examples', {
      questionId: example.id,
      intent: 'pas.mistet',
    });
    expect(draft.path).toBe('intents/pas.mistet.yaml');
    expect(draft.text).toContain(example.text);
    // The confirmed example is checked again before every publish, beside the check sentences.
    const { report } = await reviewed(admin);
    expect(report.tally.inbox.cases).toBe(1);
    expect((await inbox.list()).some((q) => q.id === example.id)).toBe(false);
    // The rest of the dog-licence cluster starts a new topic: a draft with their wordings, not yet valid.
    const others = dogs.examples.filter((e) => e.id !== example.id);
    const rest = others.map((e) => e.id);
    const started = await admin.json<{ draft: { path: string; text: string; revision: number } }>(
      'POST',
      '/inbox/intents',
      { questionIds: rest, id: 'hund.tegn', title: { da: 'Hundetegn', en: 'Dog tags' } },
      201,
    );
    expect(started.draft.path).toBe('intents/hund.tegn.yaml');
    const view = await admin.json<FileView>('GET', `/files/${encodeURIComponent('intents/hund.tegn.yaml')}`);
    for (const other of others) expect(view.text).toContain(other.text);
    expect(view.text).not.toContain(example.text);
    expect(view.problems.map((problem) => problem.field?.join('.'))).toEqual(
      expect.arrayContaining(['answer.da', 'training.da']),
    );
    expect(
      (
        await admin.request('POST', '/inbox/intents', {
          questionIds: rest,
          id: 'pas.mistet',
          title: { da: 'x', en: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await admin.request('DELETE', `/files/${encodeURIComponent('intents/hund.tegn.yaml')}?revision=1`)).status,
    ).toBe(204);
    const weather = clusters.find((cluster) => cluster.examples.some((e) => e.text.includes('vejret')));
    const { dismissed } = await admin.json<{ dismissed: number }>('POST', '/inbox/dismiss', {
      ids: weather?.examples.map((e) => e.id),
    });
    expect(dismissed).toBe(1);
  });

  describe('refuses', () => {
    // Always three elements: jest takes a missing last argument for a done callback.
    const routes: [string, string, unknown][] = [
      ['GET', '/overview', undefined],
      ['GET', `/files/${PASSPORT}`, undefined],
      ['PUT', `/files/${PASSPORT}`, { text: 'x', revision: 0 }],
      ['PATCH', `/files/${PASSPORT}`, { set: [{ field: ['title', 'da'], value: 'x' }], revision: 0 }],
      ['DELETE', `/files/${PASSPORT}?revision=1`, undefined],
      ['POST', '/check', {}],
      ['POST', '/try', { question: 'pas', municipality: 'boegely', language: 'da' }],
      ['POST', '/publish/review', {}],
      ['POST', '/publish', { comment: 'x', basedOn: 1, fingerprint: '0'.repeat(64) }],
      ['GET', '/versions', undefined],
      ['GET', '/versions/1', undefined],
      ['POST', '/versions/1/restore', { basedOn: 1 }],
      ['GET', '/audit', undefined],
      ['GET', '/inbox', undefined],
      ['POST', '/inbox/examples', { questionId: randomUUID(), intent: 'pas.mistet' }],
      ['POST', '/inbox/dismiss', { ids: [randomUUID()] }],
      ['POST', '/inbox/intents', { questionIds: [randomUUID()], id: 'ny.ting', title: { da: 'x', en: 'x' } }],
      ['POST', `/presence/${HAVBAKKE}`, { revision: 0 }],
      ['DELETE', `/presence/${HAVBAKKE}`, undefined],
      ['POST', `/files/${HAVBAKKE}/compare`, { since: null }],
    ];
    const changes = routes.filter(([method]) => method !== 'GET');

    test.each(routes)('%s %s without a session (401)', async (method, route, body) => {
      const anonymous = new EditorClient(studio.base);
      const response = await anonymous.request(method, route, body);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    });

    test.each(changes)('%s %s without the CSRF token, or from another site (403)', async (method, route, body) => {
      const response = await admin.request(method, route, body, { 'x-csrf-token': '' });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'csrf' });
      const foreign = await admin.request(method, route, body, { origin: FOREIGN_ORIGIN });
      expect(foreign.status).toBe(403);
    });

    test.each(routes)('%s %s for an agent, who is not an editor (403)', async (method, route, body) => {
      const agent = new EditorClient(studio.base);
      await agent.signIn('anna');
      const response = await agent.request(method, route, body);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden' });
    });

    // Who has a file open and what a colleague changed in it: only for files the editor may change.
    const ownFilesOnly: [string, string, unknown][] = [
      ['POST', `/presence/${encodeURIComponent('municipalities/boegely.yaml')}`, { revision: 0 }],
      ['DELETE', `/presence/${encodeURIComponent('municipalities/boegely.yaml')}`, undefined],
      ['POST', `/files/${encodeURIComponent('municipalities/boegely.yaml')}/compare`, { since: null }],
      ['POST', `/presence/${PASSPORT}`, { revision: 0 }],
    ];
    test.each(ownFilesOnly)('%s %s for an editor of another municipality (403)', async (method, route, body) => {
      const mads = new EditorClient(studio.base);
      await mads.signIn('mads');
      const response = await mads.request(method, route, body);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden' });
    });

    const badInput: [string, string, unknown][] = [
      ['PATCH', '/files/secrets.txt', { set: [{ field: ['x'], value: 1 }], revision: 0 }],
      ['PATCH', `/files/${PASSPORT}`, { set: [], revision: 0 }],
      ['PATCH', `/files/${PASSPORT}`, { set: [{ field: ['x'], value: 1 }], revision: -1 }],
      ['PUT', `/files/${PASSPORT}`, { text: 5, revision: 0 }],
      ['GET', '/versions/abc', undefined],
      ['GET', '/audit?limit=100000', undefined],
      ['POST', '/inbox/examples', { questionId: 'not-a-uuid', intent: 'pas.mistet' }],
      ['POST', '/inbox/dismiss', { ids: [] }],
      ['POST', `/presence/${HAVBAKKE}`, { revision: 'nyeste' }],
      ['POST', `/presence/${encodeURIComponent('../secrets.txt')}`, { revision: 0 }],
      ['POST', `/files/${HAVBAKKE}/compare`, { since: 5 }],
    ];
    test.each(badInput)('bad input %s %s with a 400 and a message', async (method, route, body) => {
      const response = await admin.request(method, route, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    });

    test('unknown files and versions with a 404', async () => {
      expect((await admin.request('GET', `/files/${encodeURIComponent('intents/findes.ikke.yaml')}`)).status).toBe(404);
      expect((await admin.request('GET', '/versions/999')).status).toBe(404);
    });
  });
});

interface ReviewResult {
  fingerprint: string;
  basedOn: number;
  report: {
    better: { message: string }[];
    worse: { message: string; expected: string; after: string; source: string }[];
    needsAdmin: boolean;
    tally: Record<'inbox' | 'check', { cases: number; rightBefore: number; rightAfter: number }>;
  };
}

/** POST /publish/review until the draft is trained and the review is done. */
async function reviewed(client: EditorClient): Promise<ReviewResult> {
  for (let tries = 0; tries < 200; tries++) {
    const response = await client.request('POST', '/publish/review', {});
    if (response.status === 200) return (await response.json()) as ReviewResult;
    expect(response.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the review never finished');
}

/** The Danish answer of a file view, to put it back after a test breaks it. */
function before(view: FileView): string {
  const data = view.data as { answer?: { da?: string } } | null;
  return data?.answer?.da ?? '';
}
