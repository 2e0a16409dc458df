import type { Request, Response, Server } from 'restify';
import { Document, parseDocument } from 'yaml';
import { z, ZodError } from 'zod';
import { fingerprintOf, KNOWLEDGE_FILE_PATH } from '../../knowledge/knowledge-files';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { HttpError, sendHttpError } from '../http/http-error';
import { parseRequestPart } from '../http/parse-request-part';
import type { OwnOrigins } from '../http/own-origins';
import { sendFile } from '../http/static-file';
import { sendStoreUnavailable } from '../http/store-unavailable-response';
import type { Logger } from '../runtime/logger';
import { AssistantDialogue } from '../dialogue/assistant-dialogue';
import { initialDialogueState } from '../dialogue/dialogue-state';
import type { KnowledgeSource } from '../dialogue/live-knowledge';
import { isEvent } from '../dialogue/reply';
import { recogniseFacet } from '../../intents/facet-recogniser';
import { redactPersonalData } from '../../privacy/personal-data-redactor';
import { LanguageSchema, type Language } from '../../text/language';
import { StaffAuth, type SignedIn } from '../staff/staff-auth';
import type { StaffAccount, StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import { clusterQuestions, trainingSentenceWeights } from '../unanswered/question-clusters';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import type { AuditLog, AuditRecord } from './audit-log';
import { DraftConflictError, type DraftFile } from './draft-store';
import { diffKnowledgeFiles } from './knowledge-diff';
import { checkKnowledgeFiles, type StudioProblem } from './knowledge-check';
import { summaryOf, type VersionSummary } from './knowledge-version';
import { VersionConflictError, type Publication } from './knowledge-version-store';
import { answersPerMunicipality } from './answers-per-municipality';
import { plainLanguageOfFile, type FieldReadability } from './plain-language-fields';
import { sharedAnswersForProfile } from './shared-answers-for-profile';
import { localAnswerAdvice } from '../../knowledge/local-answer-advice';
import { PRESENCE_EXPIRY_SECONDS, PRESENCE_HEARTBEAT_SECONDS, type PresenceStore } from './presence-store';
import { reviewRegression, type RegressionReport } from './regression-review';
import type { DraftTrials, Trial, TrialStatus } from './draft-trials';
import {
  mayChangeFile,
  mayOverruleFailedCheck,
  mayPublish,
  mayRestoreVersion,
  mayUseStudio,
  studioLimitsOf,
} from './studio-permissions';
import { STUDIO_PAGE, studioFile, type StudioFile } from './studio-files';
import type { StudioWorkspace } from './studio-workspace';
import { StudioStartingError } from './studio-starting-error';
import { applyFieldEdits, FieldEditError, FieldEditSchema } from './yaml-field-edit';

const BASE = '/api/studio';

export interface StudioRouteParts {
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
  readonly workspace: StudioWorkspace;
  readonly audit: AuditLog;
  /** Which editors have which file open (ephemeral). */
  readonly presence: PresenceStore;
  /** The unanswered inbox; absent: the inbox routes answer 404. */
  readonly unanswered?: UnansweredStore;
  /** The knowledge base citizens get now (municipality names, intent titles for the inbox). */
  readonly knowledge: () => KnowledgeBase | undefined;
  /**
   * Publishes a set of files as a new version that every instance switches to. Validation and
   * training happen inside; VersionConflictError passes through.
   */
  readonly publish: (publication: Publication, basedOn: number) => Promise<VersionSummary>;
  /** Trains the draft for the test panel and the publish review; absent: those routes answer 404. */
  readonly trials?: DraftTrials;
  /** What citizens get now: the review compares the draft's answers with these. */
  readonly live: () => KnowledgeSource | undefined;
  readonly logger: Logger;
  /** Behind https (PUBLIC_BASE_URL), cookies are Secure. */
  readonly secureCookies: boolean;
  readonly now?: () => Date;
}

const FilePathSchema = z.string().regex(KNOWLEDGE_FILE_PATH, 'er ikke en fil i vidensbasen');
const RevisionSchema = z.coerce.number().int().min(0).max(1_000_000_000);
const SaveTextSchema = z.strictObject({ text: z.string().max(200_000).nullable(), revision: RevisionSchema });
const SaveFieldsSchema = z.strictObject({ set: z.array(FieldEditSchema).min(1).max(50), revision: RevisionSchema });
const PresenceSchema = z.strictObject({ revision: RevisionSchema });
const CompareSchema = z.strictObject({ since: z.string().max(200_000).nullable() });
const VersionNumberSchema = z.coerce.number().int().min(1).max(1_000_000_000);
const RestoreSchema = z.strictObject({
  comment: z.string().trim().max(500).optional(),
  basedOn: z.number().int().min(0),
});
const PublishSchema = z.strictObject({
  comment: z.string().trim().min(1, 'Skriv en kommentar, så andre kan se hvad der er ændret.').max(500),
  basedOn: z.number().int().min(0),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
const AuditQuerySchema = z.strictObject({
  before: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const InboxQuerySchema = z.strictObject({
  municipality: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
});
const AddExampleSchema = z.strictObject({
  questionId: z.uuid(),
  intent: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'er ikke et emne-id'),
});
const TrySchema = z.strictObject({
  question: z.string().trim().min(1, 'Skriv et spørgsmål.').max(2000),
  municipality: z.string().regex(/^[a-z0-9-]{1,64}$/),
  language: LanguageSchema,
});
const NewIntentSchema = z.strictObject({
  questionIds: z.array(z.uuid()).min(1).max(100),
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'skal være små bogstaver og tal adskilt af "." eller "-", fx hund.tegn'),
  area: z.string().trim().min(1).max(40).default('generelt'),
  title: z.strictObject({ da: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) }),
});
const DismissSchema = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) });

/** The knowledge studio's page and its API (webchat/studio/API.md), behind the staff sign-in. */
export function registerStudioRoutes(server: Server, parts: StudioRouteParts, ownOrigins: OwnOrigins): void {
  const now = parts.now ?? (() => new Date());
  const auth = new StaffAuth(
    parts.sessions,
    parts.directory,
    (req) => parts.secureCookies || req.isSecure() || req.header('x-forwarded-proto') === 'https',
    ownOrigins,
  );
  const { workspace, audit } = parts;

  /** A route for editors and admins; `change` routes also need the CSRF token. */
  const editor =
    (kind: 'read' | 'change', handler: (signedIn: SignedIn, req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        const signedIn = await auth.require(req, now());
        if (kind === 'change') auth.requireCsrf(req, signedIn.session);
        if (!mayUseStudio(signedIn.account))
          throw new HttpError(403, 'forbidden', 'Studiet er for redaktører og administratorer.');
        await handler(signedIn, req, res);
      } catch (error) {
        sendError(res, error, parts.logger);
      }
    };
  const record = (entry: Omit<AuditRecord, 'at'>) => audit.append({ ...entry, at: now().toISOString() });
  /** The newest review, by the trained draft's fingerprint: publishing checks what the editor was shown. */
  let lastReview: { fingerprint: string; report: RegressionReport } | undefined;
  const review = async (trial: Trial, live: KnowledgeSource): Promise<RegressionReport> => {
    if (lastReview?.fingerprint === trial.fingerprint) return lastReview.report;
    const report = await reviewRegression(
      trial.source.knowledge,
      await confirmedExamples(audit),
      (text, language) => live.classifier.classify(text, language),
      (text, language) => trial.source.classifier.classify(text, language),
    );
    lastReview = { fingerprint: trial.fingerprint, report };
    return report;
  };

  const pageRoutes: [string, (req: Request) => StudioFile | undefined][] = [
    ['/studio', () => STUDIO_PAGE],
    ['/studio/', () => STUDIO_PAGE],
    ['/studio/:name', (req) => studioFile(req.path())],
  ];
  for (const [route, resolve] of pageRoutes) {
    const send = async (req: Request, res: Response) => {
      const found = resolve(req);
      if (found) await sendFile(req, res, found.file, { contentType: found.contentType, cacheControl: 'no-cache' });
      else res.send(404, { error: 'not_found', message: 'No such file.' });
    };
    server.get(route, send);
    server.head(route, send);
  }

  server.get(
    `${BASE}/overview`,
    editor('read', async ({ account, session }, _req, res) => {
      const { published, drafts, files } = await workspace.current();
      const drafted = new Set(drafts.map((draft) => draft.path));
      const items = Object.entries(files)
        .map(([path, text]) => ({
          path,
          ...describeFile(path, text),
          hasDraft: drafted.has(path),
          editable: mayChangeFile(account, path),
        }))
        .concat(
          drafts
            .filter((draft) => draft.text === null)
            .map((draft) => ({
              path: draft.path,
              ...describeFile(draft.path, ''),
              hasDraft: true,
              editable: mayChangeFile(account, draft.path),
            })),
        )
        .sort((a, b) => a.path.localeCompare(b.path));
      const municipalities = [...(parts.knowledge()?.municipalities.values() ?? [])].map((m) => ({
        id: m.id,
        name: m.name,
      }));
      res.send(200, {
        editor: { id: account.id, name: account.name, role: account.role, ...studioLimitsOf(account) },
        csrfToken: session.csrfToken,
        published: published ? summaryOnly(published) : null,
        drafts: drafts.map((draft) => ({ ...draftSummary(draft), removes: draft.text === null })),
        items,
        municipalities,
      });
    }),
  );

  server.get(
    `${BASE}/files/:path`,
    editor('read', async ({ account }, req, res) => {
      const path = filePathOf(req);
      res.send(200, await fileView(path, account));
    }),
  );

  const saveDraft = async (account: StaffAccount, path: string, text: string | null, revision: number) => {
    if (!mayChangeFile(account, path)) throw new HttpError(403, 'forbidden', 'Du har ikke lov til at ændre denne fil.');
    const published = await workspace.published();
    const draft = await workspace.drafts.save(
      {
        path,
        text,
        basedOnVersion: published?.number ?? 0,
        editedBy: account.id,
        editedAt: now().toISOString(),
      },
      revision,
    );
    await record({ actor: account.id, action: 'draft.saved', target: path, detail: `kladde ${draft.revision}` });
    return draft;
  };

  server.put(
    `${BASE}/files/:path`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      const body = parseRequestPart(SaveTextSchema, req.body);
      await saveDraft(account, path, body.text, body.revision);
      res.send(200, await fileView(path, account));
    }),
  );

  server.patch(
    `${BASE}/files/:path`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      const body = parseRequestPart(SaveFieldsSchema, req.body);
      if (!mayChangeFile(account, path))
        throw new HttpError(403, 'forbidden', 'Du har ikke lov til at ændre denne fil.');
      const { files } = await workspace.current();
      const current = await workspace.drafts.get(path);
      const text = current ? current.text : files[path];
      if (text === undefined || text === null)
        throw new HttpError(404, 'not_found', 'Filen findes ikke; opret den som tekst.');
      if ((current?.revision ?? 0) !== body.revision) throw new DraftConflictError(path, body.revision, current);
      await saveDraft(account, path, applyFieldEdits(path, text, body.set), body.revision);
      res.send(200, await fileView(path, account));
    }),
  );

  server.del(
    `${BASE}/files/:path`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      if (!mayChangeFile(account, path))
        throw new HttpError(403, 'forbidden', 'Du har ikke lov til at ændre denne fil.');
      const { revision } = parseRequestPart(z.strictObject({ revision: RevisionSchema }), req.query);
      if (!(await workspace.drafts.discard(path, revision)))
        throw new HttpError(404, 'not_found', 'Der er ingen kladde af denne fil.');
      await record({ actor: account.id, action: 'draft.discarded', target: path });
      res.send(204);
    }),
  );

  /** Presence and the colleague's change are for editors who may change the file: only they can collide. */
  const requireChangeable = (account: StaffAccount, path: string) => {
    if (!mayChangeFile(account, path)) throw new HttpError(403, 'forbidden', 'Du har ikke lov til at ændre denne fil.');
  };
  const nameOf = (id: string) => parts.directory.account(id)?.name ?? id;
  const draftNow = async (path: string) => {
    const draft = await workspace.drafts.get(path);
    return draft ? { ...draftSummary(draft), editedByName: nameOf(draft.editedBy) } : null;
  };

  server.post(
    `${BASE}/presence/:path`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      parseRequestPart(PresenceSchema, req.body);
      requireChangeable(account, path);
      const present = await parts.presence.beat(path, account.id, now());
      res.send(200, {
        heartbeatSeconds: PRESENCE_HEARTBEAT_SECONDS,
        expirySeconds: PRESENCE_EXPIRY_SECONDS,
        others: present
          .filter((entry) => entry.editorId !== account.id)
          .map((entry) => ({ id: entry.editorId, name: nameOf(entry.editorId), seenAt: entry.seenAt })),
        // The page compares this with the revision it saves on: another number means a colleague's change.
        draft: await draftNow(path),
      });
    }),
  );

  server.del(
    `${BASE}/presence/:path`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      requireChangeable(account, path);
      await parts.presence.leave(path, account.id);
      res.send(204);
    }),
  );

  server.post(
    `${BASE}/files/:path/compare`,
    editor('change', async ({ account }, req, res) => {
      const path = filePathOf(req);
      const { since } = parseRequestPart(CompareSchema, req.body);
      requireChangeable(account, path);
      const { files } = await workspace.current();
      const current = files[path];
      // What changed from the text the editor's page has to the file as it is now, as the version diff shows it.
      res.send(200, {
        draft: await draftNow(path),
        text: current ?? null,
        changes: diffKnowledgeFiles(
          since === null ? {} : { [path]: since },
          current === undefined ? {} : { [path]: current },
        ),
      });
    }),
  );

  server.post(
    `${BASE}/check`,
    editor('change', async (_signedIn, _req, res) => {
      const { files, published } = await workspace.current();
      const check = await checkKnowledgeFiles(files);
      res.send(200, {
        basedOn: published?.number ?? 0,
        fingerprint: fingerprintOf(files),
        changes: diffKnowledgeFiles(published?.files ?? {}, files),
        problems: check.problems,
        plainLanguage: Object.entries(files).flatMap(([path, text]) => plainLanguageOfFile(path, text)),
      });
    }),
  );

  server.post(
    `${BASE}/publish`,
    editor('change', async ({ account }, req, res) => {
      const body = parseRequestPart(PublishSchema, req.body);
      const { files, drafts, published } = await workspace.current();
      if ((published?.number ?? 0) !== body.basedOn)
        throw new HttpError(409, 'conflict', 'En anden har udgivet i mellemtiden. Se ændringerne igennem igen.');
      if (fingerprintOf(files) !== body.fingerprint)
        throw new HttpError(409, 'conflict', 'Kladden er ændret siden gennemgangen. Se ændringerne igennem igen.');
      if (
        !mayPublish(
          account,
          drafts.map((draft) => draft.path),
        )
      ) {
        const forbidden = drafts.filter((draft) => !mayChangeFile(account, draft.path));
        throw new HttpError(
          403,
          'forbidden',
          `Kladden ændrer filer, du ikke må udgive: ${forbidden.map((d) => d.path).join(', ')}.`,
        );
      }
      const trial = parts.trials?.status(files);
      const live = parts.live();
      if (trial?.status === 'ready' && live) {
        // The review the editor saw: publishing what breaks more than it fixes takes an admin.
        const report = await review(trial.trial, live);
        if (report.needsAdmin && !mayOverruleFailedCheck(account))
          throw new HttpError(
            403,
            'needs_admin',
            `Ændringen gør ${report.worse.length} svar dårligere og ${report.better.length} bedre. En administrator skal godkende den.`,
          );
      }
      const check = await checkKnowledgeFiles(files);
      if (check.problems.length > 0)
        throw new HttpError(
          422,
          'invalid_knowledge',
          `Kladden har ${check.problems.length} fejl; ret dem før udgivelse.`,
        );
      const version = await parts.publish({ files, author: account.id, comment: body.comment }, body.basedOn);
      await workspace.drafts.settle(drafts.map(({ path, revision }) => ({ path, revision })));
      await record({
        actor: account.id,
        action: 'version.published',
        target: `version ${version.number}`,
        detail: body.comment,
      });
      res.send(201, { version });
    }),
  );

  server.post(
    `${BASE}/try`,
    editor('change', async (_signedIn, req, res) => {
      const body = parseRequestPart(TrySchema, req.body);
      const trial = readyTrial(
        requireTrials(parts.trials).status((await workspace.current()).files),
        res,
        parts.logger,
      );
      if (!trial) return;
      const { knowledge, classifier } = trial.source;
      if (!knowledge.municipalities.has(body.municipality))
        throw new HttpError(400, 'bad_request', `Kommunen ${body.municipality} findes ikke i kladden.`);
      // Redacted before anything sees it, and never stored: editors test with made-up questions, but may paste real ones.
      const question = redactPersonalData(body.question).text;
      const classification = await classifier.classify(question, body.language);
      const dialogue = new AssistantDialogue({
        live: trial.source,
        defaultMunicipalityId: body.municipality,
        maxMessageLength: 2000,
      });
      const turn = await dialogue.handle(initialDialogueState(), {
        conversationId: 'studio-try',
        text: question,
        locale: body.language === 'en' ? 'en-GB' : 'da-DK',
        municipalityId: body.municipality,
      });
      res.send(200, {
        status: 'ready',
        question,
        classification: {
          language: classification.language,
          ranked: classification.ranked.map(({ intent, score }) => ({
            intent,
            title: knowledge.intents.get(intent)?.title[classification.language] ?? intent,
            score: Math.round(score * 1000) / 1000,
          })),
          decision: classification.decision.kind,
          facet: recogniseFacet(question)?.facet ?? null,
        },
        replies: turn.replies.flatMap((outgoing) =>
          isEvent(outgoing)
            ? []
            : [
                {
                  text: outgoing.text,
                  actions: [...(outgoing.buttons ?? []), ...(outgoing.topics?.buttons ?? [])].map((button) => ({
                    title: button.title,
                  })),
                  cards: outgoing.cards ?? [],
                },
              ],
        ),
      });
    }),
  );

  server.post(
    `${BASE}/publish/review`,
    editor('change', async (_signedIn, _req, res) => {
      const { files, published } = await workspace.current();
      const trial = readyTrial(requireTrials(parts.trials).status(files), res, parts.logger);
      if (!trial) return;
      const live = parts.live();
      if (!live) throw new HttpError(503, 'starting', 'Assistenten starter stadig. Prøv igen om lidt.');
      const report = await review(trial, live);
      res.send(200, {
        status: 'ready',
        basedOn: published?.number ?? 0,
        fingerprint: trial.fingerprint,
        report,
        changes: diffKnowledgeFiles(published?.files ?? {}, files),
      });
    }),
  );

  server.get(
    `${BASE}/versions`,
    editor('read', async (_signedIn, _req, res) => {
      res.send(200, { versions: await workspace.versions.list() });
    }),
  );

  server.get(
    `${BASE}/versions/:number`,
    editor('read', async (_signedIn, req, res) => {
      const number = parseRequestPart(VersionNumberSchema, paramOf(req, 'number'));
      const version = await workspace.versions.get(number);
      if (!version) throw new HttpError(404, 'not_found', `Version ${number} findes ikke.`);
      const before = number > 1 ? await workspace.versions.get(number - 1) : undefined;
      res.send(200, { version: summaryOnly(version), changes: diffKnowledgeFiles(before?.files ?? {}, version.files) });
    }),
  );

  server.post(
    `${BASE}/versions/:number/restore`,
    editor('change', async ({ account }, req, res) => {
      const number = parseRequestPart(VersionNumberSchema, paramOf(req, 'number'));
      const body = parseRequestPart(RestoreSchema, req.body);
      const [target, published] = await Promise.all([workspace.versions.get(number), workspace.published()]);
      if (!target) throw new HttpError(404, 'not_found', `Version ${number} findes ikke.`);
      const changed = diffKnowledgeFiles(published?.files ?? {}, target.files).map((change) => change.path);
      if (!mayRestoreVersion(account, changed)) {
        const forbidden = changed.filter((path) => !mayChangeFile(account, path));
        throw new HttpError(403, 'forbidden', `Gendannelsen ændrer filer, du ikke må ændre: ${forbidden.join(', ')}.`);
      }
      const comment = body.comment || `Gendannet fra version ${number}`;
      const version = await parts.publish(
        { files: target.files, author: account.id, comment, restores: number },
        body.basedOn,
      );
      await record({
        actor: account.id,
        action: 'version.restored',
        target: `version ${version.number}`,
        detail: `gendanner version ${number}: ${comment}`,
      });
      res.send(201, { version });
    }),
  );

  server.get(
    `${BASE}/audit`,
    editor('read', async (_signedIn, req, res) => {
      const query = parseRequestPart(AuditQuerySchema, req.query);
      res.send(200, {
        entries: await audit.list({ limit: query.limit, ...(query.before ? { before: query.before } : {}) }),
      });
    }),
  );

  server.get(
    `${BASE}/inbox`,
    editor('read', async ({ account }, req, res) => {
      const inbox = requireInbox(parts.unanswered);
      const query = parseRequestPart(InboxQuerySchema, req.query);
      const allowed = studioLimitsOf(account).municipalities;
      const questions = (await inbox.list(query.municipality ? { municipalityId: query.municipality } : {})).filter(
        (question) => !allowed || allowed.includes(question.municipalityId),
      );
      const byId = new Map(questions.map((question) => [question.id, question]));
      const knowledge = parts.knowledge();
      const clusters = clusterQuestions(questions, {
        ...(knowledge ? { background: trainingSentenceWeights(knowledge.intents.values()) } : {}),
      });
      res.send(200, {
        clusters: clusters.map((cluster) => ({
          id: cluster.ids[0],
          ids: cluster.ids,
          count: cluster.size,
          newestAt: cluster.newestAt,
          municipalities: [...new Set(cluster.ids.map((id) => byId.get(id)?.municipalityId ?? ''))].filter(Boolean),
          suggestedIntent: cluster.suggestedIntent ?? null,
          examples: cluster.examples.map((example) => ({
            id: example.id,
            text: example.text,
            at: example.at,
            municipality: byId.get(example.id)?.municipalityId ?? null,
            reason: byId.get(example.id)?.reason ?? null,
          })),
        })),
      });
    }),
  );

  server.post(
    `${BASE}/inbox/examples`,
    editor('change', async ({ account }, req, res) => {
      const inbox = requireInbox(parts.unanswered);
      const body = parseRequestPart(AddExampleSchema, req.body);
      const question = (await inbox.list()).find((candidate) => candidate.id === body.questionId);
      if (!question) throw new HttpError(404, 'not_found', 'Spørgsmålet er ikke i indbakken længere.');
      const path = `intents/${body.intent}.yaml`;
      const { files } = await workspace.current();
      const current = await workspace.drafts.get(path);
      const text = current ? current.text : files[path];
      if (text === undefined || text === null)
        throw new HttpError(404, 'not_found', `Emnet ${body.intent} findes ikke.`);
      const training = parseDocument(text).getIn(['training', question.language]);
      const sentences: unknown =
        training && typeof training === 'object' && 'toJSON' in training
          ? (training as { toJSON(): unknown }).toJSON()
          : [];
      const list = Array.isArray(sentences) ? sentences.filter((s): s is string => typeof s === 'string') : [];
      if (!list.includes(question.text)) list.push(question.text);
      const draft = await saveDraft(
        account,
        path,
        applyFieldEdits(path, text, [{ field: ['training', question.language], value: list }]),
        current?.revision ?? 0,
      );
      await inbox.dismiss([question.id]);
      await record({
        actor: account.id,
        action: 'inbox.example-added',
        target: path,
        // The review before a publish checks these again (confirmedExamples): language and the redacted text.
        detail: `${question.language}: ${question.text}`,
      });
      res.send(200, { draft });
    }),
  );

  server.post(
    `${BASE}/inbox/intents`,
    editor('change', async ({ account }, req, res) => {
      const inbox = requireInbox(parts.unanswered);
      const body = parseRequestPart(NewIntentSchema, req.body);
      const wanted = new Set(body.questionIds);
      const questions = (await inbox.list()).filter((question) => wanted.has(question.id));
      if (questions.length === 0) throw new HttpError(404, 'not_found', 'Spørgsmålene er ikke i indbakken længere.');
      const path = `intents/${body.id}.yaml`;
      if ((await workspace.current()).files[path] !== undefined)
        throw new HttpError(409, 'conflict', `Emnet ${body.id} findes allerede. Vælg et andet id.`);
      const sentences = (language: Language) => [
        ...new Set(questions.filter((q) => q.language === language).map((q) => q.text)),
      ];
      // A start, not a finished topic: the empty answers and the missing training sentences are
      // reported at their fields until the editor writes them, so it cannot be published half done.
      const text = newIntentYaml(body.id, body.area, body.title, sentences('da'), sentences('en'));
      const draft = await saveDraft(account, path, text, 0);
      await inbox.dismiss(questions.map((question) => question.id));
      await record({
        actor: account.id,
        action: 'inbox.intent-started',
        target: path,
        detail: `${questions.length} spørgsmål`,
      });
      res.send(201, { draft });
    }),
  );

  server.post(
    `${BASE}/inbox/dismiss`,
    editor('change', async ({ account }, req, res) => {
      const inbox = requireInbox(parts.unanswered);
      const { ids } = parseRequestPart(DismissSchema, req.body);
      const dismissed = await inbox.dismiss(ids);
      await record({ actor: account.id, action: 'inbox.dismissed', target: `${dismissed} spørgsmål` });
      res.send(200, { dismissed });
    }),
  );

  /** One file as the editor sees it: published, draft, parsed, with its problems and the klarsprog meter. */
  async function fileView(path: string, account: StaffAccount) {
    const { published, drafts, files } = await workspace.current();
    const draft = drafts.find((candidate) => candidate.path === path) ?? null;
    const publishedText = published?.files[path] ?? null;
    if (!draft && publishedText === null) throw new HttpError(404, 'not_found', 'Filen findes ikke.');
    const text = draft ? draft.text : publishedText;
    const check = await checkKnowledgeFiles(files);
    return {
      path,
      published: publishedText,
      draft: draft satisfies DraftFile | null,
      text,
      data: text === null ? null : parsedData(path, text),
      problems: check.problems.filter((problem: StudioProblem) => problem.file === path),
      // What each municipality's citizens get (shared or local), once the draft is valid.
      perMunicipality:
        check.knowledge && path.startsWith('intents/')
          ? (answersPerMunicipality(check.knowledge, path.slice('intents/'.length, -'.yaml'.length)) ?? null)
          : null,
      plainLanguage: withLocalAnswerAdvice(plainLanguageOfFile(path, text), check.knowledge, path),
      // A profile: the shared answer of each topic it overrides, from the draft when valid, else what citizens get now.
      sharedAnswers:
        path.startsWith('municipalities/') && text !== null
          ? sharedAnswersForProfile(check.knowledge ?? parts.knowledge() ?? EMPTY_KNOWLEDGE, parsedData(path, text))
          : null,
      editable: mayChangeFile(account, path),
    };
  }
}

const EMPTY_KNOWLEDGE: Pick<KnowledgeBase, 'intents'> = { intents: new Map() };

/** A profile's local answers that say word for word what the shared one does: advised at their field. */
function withLocalAnswerAdvice(
  readability: FieldReadability[],
  knowledge: KnowledgeBase | undefined,
  path: string,
): FieldReadability[] {
  const id = /^municipalities\/(.+)\.yaml$/.exec(path)?.[1];
  if (!knowledge || id === undefined) return readability;
  const advice = localAnswerAdvice(knowledge).filter((entry) => entry.municipalityId === id);
  return readability.map((meter) => {
    const here = advice.filter((entry) => entry.field.join('\u0000') === meter.field.join('\u0000'));
    return here.length === 0 ? meter : { ...meter, advice: [...meter.advice, ...here.map((entry) => entry.advice)] };
  });
}

function describeFile(path: string, text: string): { kind: string; id: string; title: string } {
  const kind = path.startsWith('intents/')
    ? 'intent'
    : path.startsWith('guides/')
      ? 'guide'
      : path.startsWith('municipalities/')
        ? 'municipality'
        : 'out-of-scope';
  const id = path.replace(/^.*\//, '').replace(/\.(yaml|md)$/, '');
  const data = text ? parsedData(path, text) : undefined;
  const title = titleOf(data) ?? id;
  return { kind, id, title };
}

function titleOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const title = record.title ?? record.name;
  if (typeof title === 'string') return title;
  if (typeof title === 'object' && title !== null && typeof (title as Record<string, unknown>).da === 'string')
    return (title as Record<string, string>).da;
  return undefined;
}

/** A file's content as data for forms: YAML as JSON, a guide as its front matter and `body`. */
function parsedData(path: string, text: string): unknown {
  if (path.endsWith('.md')) {
    const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
    if (!match) return { body: text };
    const frontMatter: unknown = parseDocument(match[1] ?? '').toJS();
    return {
      ...(typeof frontMatter === 'object' && frontMatter !== null ? frontMatter : {}),
      body: text.slice(match[0].length).trim(),
    };
  }
  const doc = parseDocument(text);
  return doc.errors.length > 0 ? null : (doc.toJS() as unknown);
}

function summaryOnly(version: VersionSummary): VersionSummary {
  return summaryOf({ ...version, files: undefined });
}

function draftSummary(draft: DraftFile): Omit<DraftFile, 'text'> {
  const { path, revision, basedOnVersion, editedBy, editedAt } = draft;
  return { path, revision, basedOnVersion, editedBy, editedAt };
}

function newIntentYaml(
  id: string,
  area: string,
  title: { da: string; en: string },
  da: readonly string[],
  en: readonly string[],
): string {
  const doc = new Document({ id, area, title, training: { da: [...da], en: [...en] }, answer: { da: '', en: '' } });
  doc.commentBefore =
    ' Startet fra spørgsmål i indbakken. Skriv svaret, og giv mindst 12 danske og 4 engelske eksempler.';
  return doc.toString({ lineWidth: 0 });
}

function requireTrials(trials: DraftTrials | undefined): DraftTrials {
  if (!trials) throw new HttpError(404, 'not_found', 'Afprøvning er ikke slået til.');
  return trials;
}

/** The trained draft, or undefined after answering that it is still training (202) or invalid. */
function readyTrial(status: TrialStatus, res: Response, logger: Logger): Trial | undefined {
  if (status.status === 'ready') return status.trial;
  if (status.status === 'training')
    res.send(202, { status: 'training', progress: Math.round(status.progress * 100) / 100 });
  else if (status.status === 'invalid')
    res.send(422, {
      error: 'invalid_knowledge',
      message: 'Kladden har fejl; ret dem først.',
      problems: status.problems,
    });
  else {
    // Said once: the next ask trains again (draft-trials.ts), which the studio's pages do by themselves once.
    logger.warn({ studio: { event: 'training-failed', reason: status.message } }, 'training the draft failed');
    throw new HttpError(503, 'training_failed', 'Træningen af kladden mislykkedes. Prøv igen.');
  }
  return undefined;
}

/** Examples editors confirmed from the inbox (audit entries "inbox.example-added"), newest 1,000. */
async function confirmedExamples(audit: AuditLog): Promise<{ text: string; language: Language; intent: string }[]> {
  const entries = await audit.list({ limit: 500 });
  const older = entries.length === 500 ? await audit.list({ limit: 500, before: entries[499]?.id ?? '' }) : [];
  return [...entries, ...older].flatMap((entry) => {
    const intent = /^intents\/(.+)\.yaml$/.exec(entry.target)?.[1];
    const match = /^(da|en): (.+)$/s.exec(entry.detail ?? '');
    if (entry.action !== 'inbox.example-added' || !intent || !match) return [];
    return [{ intent, language: match[1] === 'en' ? 'en' : 'da', text: match[2] ?? '' }];
  });
}

function requireInbox(store: UnansweredStore | undefined): UnansweredStore {
  if (!store) throw new HttpError(404, 'not_found', 'Indbakken er ikke slået til.');
  return store;
}

function filePathOf(req: Request): string {
  return parseRequestPart(FilePathSchema, paramOf(req, 'path'));
}

/** A route parameter, unchecked: restify types params as any. restify has already decoded it. */
function paramOf(req: Request, name: string): unknown {
  return (req.params as Record<string, unknown> | undefined)?.[name];
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) sendHttpError(res, error);
  else if (error instanceof DraftConflictError)
    res.send(409, {
      error: 'conflict',
      message: error.current
        ? `${error.current.editedBy} har ændret filen imens (kl. ${error.current.editedAt.slice(11, 16)} UTC). Hent deres udgave, før du gemmer.`
        : 'Kladden er kasseret eller udgivet imens. Hent filen igen.',
      current: error.current ?? null,
    });
  else if (error instanceof VersionConflictError)
    res.send(409, { error: 'conflict', message: 'En anden har udgivet en ny version imens. Prøv igen.' });
  else if (error instanceof StudioStartingError) res.send(503, { error: 'starting', message: error.message });
  else if (error instanceof FieldEditError) res.send(422, { error: 'cannot_edit', message: error.message });
  else if (error instanceof ZodError)
    res.send(400, { error: 'bad_request', message: error.issues.map((i) => i.message).join('; ') });
  else if (isStoreUnavailable(error)) sendStoreUnavailable(res, error);
  else if (error instanceof Error && error.name === 'KnowledgeBaseError')
    res.send(422, { error: 'invalid_knowledge', message: 'Vidensbasen har fejl; ret dem før udgivelse.' });
  else {
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'studio request failed');
    res.send(503, { error: 'unavailable', message: 'Studiet svarer ikke lige nu. Prøv igen om lidt.' });
  }
}
