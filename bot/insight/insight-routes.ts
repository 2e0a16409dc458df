import type { Request, Response, Server } from 'restify';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { StaffedHours } from '../handoff/staffed-hours';
import { HttpError, sendHttpError } from '../http/http-error';
import type { OwnOrigins } from '../http/own-origins';
import { parseRequestPart } from '../http/parse-request-part';
import { sendStoreUnavailable } from '../http/store-unavailable-response';
import type { Logger } from '../runtime/logger';
import { StaffAuth, type SignedIn } from '../staff/staff-auth';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import { isStoreUnavailable } from '../storage/store-unavailable-error';
import { FIELD } from './insight-buckets';
import { figuresCsv, reportCsv } from './insight-csv';
import { computeFigures, daysBetween, type Figures } from './insight-figures';
import { CsvQuerySchema, monthRange, RangeQuerySchema, rangeInstants, ReportQuerySchema } from './insight-query';
import { effectReport } from './insight-report';
import { mayReadInsight, mayReadMunicipality, resolveScope, visibleScopes, type InsightScope } from './insight-scopes';
import type { InsightStore } from './insight-store';

const BASE = '/api/insight';

export interface InsightRouteParts {
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
  readonly store: InsightStore;
  /** The knowledge base citizens get now (municipalities, their chat hours, intent titles). */
  readonly knowledge: () => KnowledgeBase | undefined;
  /** INSIGHT_RETENTION_DAYS: event details older than this are gone (figures say so through their source). */
  readonly retentionDays: number;
  /** INSIGHT_MINUTES_PER_INQUIRY, for the effect report. */
  readonly minutesPerInquiry: number;
  readonly logger: Logger;
  /** Behind https (PUBLIC_BASE_URL), cookies are Secure. */
  readonly secureCookies: boolean;
  readonly now?: () => Date;
}

/**
 * The insight API (README "Insight") for managers and admins, behind the staff sign-in: all GET,
 * so no CSRF token; the session cookie is SameSite=Strict. Bad queries get 400 with a Danish message.
 */
export function registerInsightRoutes(server: Server, parts: InsightRouteParts, ownOrigins: OwnOrigins): void {
  const now = parts.now ?? (() => new Date());
  const staffedHours = new StaffedHours();
  const auth = new StaffAuth(
    parts.sessions,
    parts.directory,
    (req) => parts.secureCookies || req.isSecure() || req.header('x-forwarded-proto') === 'https',
    ownOrigins,
  );

  const manager =
    (handler: (signedIn: SignedIn, req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        const signedIn = await auth.require(req, now());
        if (!mayReadInsight(signedIn.account))
          throw new HttpError(403, 'forbidden', 'Indsigt er for ledere og administratorer.');
        await handler(signedIn, req, res);
      } catch (error) {
        sendError(res, error, parts.logger);
      }
    };

  const knowledge = (): KnowledgeBase => {
    const loaded = parts.knowledge();
    if (!loaded) throw new HttpError(503, 'starting', 'Assistenten starter; prøv igen om lidt.');
    return loaded;
  };

  /** The scope named, if it exists (else 400) and the account may read all of it (else 403). */
  const scopeFor = (account: SignedIn['account'], scopeId: string): InsightScope => {
    const scope = resolveScope(knowledge().municipalities.values(), scopeId);
    if (!scope) throw new HttpError(400, 'bad_request', `scope: ${scopeId} findes ikke.`);
    if (!scope.municipalities.every((m) => mayReadMunicipality(account, m.id)))
      throw new HttpError(403, 'forbidden', 'Du har ikke adgang til tallene for det område.');
    return scope;
  };

  const figuresFor = async (scope: InsightScope, from: string, to: string) => {
    const ids = scope.municipalities.map((m) => m.id);
    const { start, end } = rangeInstants(from, to);
    const days = daysBetween(from, to);
    const [aggregates, events] = await Promise.all([
      parts.store.aggregates(ids, days),
      parts.store.events(ids, start, end),
    ]);
    const first = scope.municipalities[0];
    const intents = knowledge().intents;
    const figures: Figures = computeFigures({
      scope: scope.id,
      from,
      to,
      aggregates,
      events,
      isStaffed: (at) => (first ? staffedHours.isStaffed(first, at) : false),
      detailsFrom: new Date(now().getTime() - parts.retentionDays * 24 * 3600_000),
      intentTitle: (id) => intents.get(id)?.title.da,
    });
    const fallbacksWithoutIntent = aggregates.reduce((sum, a) => sum + (a.fields[FIELD.fallbackWithoutIntent] ?? 0), 0);
    return { figures, fallbacksWithoutIntent };
  };

  server.get(
    `${BASE}/scopes`,
    manager(async ({ account }, _req, res) => {
      const scopes = visibleScopes(knowledge().municipalities.values(), account).map(({ id, kind, label }) => ({
        id,
        kind,
        label,
      }));
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, { scopes });
    }),
  );

  server.get(
    `${BASE}/figures`,
    manager(async ({ account }, req, res) => {
      const query = parseRequestPart(RangeQuerySchema, req.query);
      const { figures } = await figuresFor(scopeFor(account, query.scope), query.from, query.to);
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, figures);
    }),
  );

  server.get(
    `${BASE}/figures.csv`,
    manager(async ({ account }, req, res) => {
      const query = parseRequestPart(CsvQuerySchema, req.query);
      const { figures } = await figuresFor(scopeFor(account, query.scope), query.from, query.to);
      sendCsv(
        res,
        `indsigt-${query.table}-${fileScope(query.scope)}-${query.from}-${query.to}.csv`,
        figuresCsv(figures, query.table),
      );
    }),
  );

  const report = async (account: SignedIn['account'], req: Request) => {
    const query = parseRequestPart(ReportQuerySchema, req.query);
    if (!query.scope.startsWith('municipality:'))
      throw new HttpError(400, 'bad_request', 'scope: effektrapporten er pr. kommune (municipality:<kommune>).');
    const { from, to } = monthRange(query.month);
    const { figures, fallbacksWithoutIntent } = await figuresFor(scopeFor(account, query.scope), from, to);
    return effectReport(figures, query.month, parts.minutesPerInquiry, fallbacksWithoutIntent);
  };

  server.get(
    `${BASE}/report`,
    manager(async ({ account }, req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, await report(account, req));
    }),
  );

  server.get(
    `${BASE}/report.csv`,
    manager(async ({ account }, req, res) => {
      const made = await report(account, req);
      sendCsv(res, `indsigt-rapport-${fileScope(made.scope)}-${made.month}.csv`, reportCsv(made));
    }),
  );
}

function sendCsv(res: Response, filename: string, body: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** "municipality:boegely" → "municipality-boegely": a file name without a colon. */
function fileScope(scope: string): string {
  return scope.replace(':', '-');
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) sendHttpError(res, error);
  else if (isStoreUnavailable(error)) sendStoreUnavailable(res, error);
  else {
    logger.error(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'insight request failed',
    );
    res.send(503, { error: 'unavailable', message: 'Indsigt svarer ikke lige nu. Prøv igen om lidt.' });
  }
}
