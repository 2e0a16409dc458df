import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { Config } from '../runtime/config';
import type { AssistantStorage } from './assistant-storage';
import { DirectLineCitizenConversations, type NoticeWords } from '../directline/direct-line-citizen-conversations';
import { HandoffDesk } from '../handoff/handoff-desk';
import type { InsightSink } from '../insight/insight-sink';
import { HandoffSweeper } from '../handoff/handoff-sweeper';
import { StaffedHours } from '../handoff/staffed-hours';
import { createClientAddress } from '../http/client-address';
import type { Logger } from '../runtime/logger';
import { DEMO_STAFF_FILE, loadStaffDirectory, type StaffDirectory } from '../staff/staff-directory';
import type { StaffRouteParts } from '../staff/staff-routes';

export interface Handoff {
  readonly desk: HandoffDesk;
  readonly sweeper: HandoffSweeper;
  readonly directory: StaffDirectory;
  readonly staffRoutes: StaffRouteParts;
}

/** How often each instance sweeps the queue, and how often an open console renews its agent's duty. */
const SWEEP_MS = 2000;
const HEARTBEAT_MS = 1000;

/** The staffed queue, its housekeeping and the staff console's parts, over the chosen storage. */
export async function assembleHandoff(
  config: Config,
  storage: AssistantStorage,
  knowledge: () => KnowledgeBase | undefined,
  words: NoticeWords,
  logger: Logger,
  /** Insight events for the queue's lifecycle; without it none are recorded. */
  insight?: InsightSink,
  /** Told each claim's wait in the queue (operations metrics). */
  onClaimed?: (queueId: string, waitedSeconds: number) => void,
): Promise<Handoff> {
  const file = config.STAFF_ACCOUNTS_FILE ?? DEMO_STAFF_FILE;
  const directory = await loadStaffDirectory(file);
  if (!config.STAFF_ACCOUNTS_FILE) {
    logger.warn(
      { accounts: directory.accounts().map((a) => a.id) },
      'staff console uses the DEMO accounts (public passwords); set STAFF_ACCOUNTS_FILE',
    );
  }
  const graceMs = config.HANDOFF_AGENT_GRACE_SECONDS * 1000;
  const desk = new HandoffDesk({
    queue: storage.handoffQueue,
    conversations: new DirectLineCitizenConversations(storage.conversations, words),
    callbacks: storage.callbacks,
    presence: storage.citizenPresence,
    notes: storage.notes,
    staffedHours: new StaffedHours(),
    knowledge,
    agentName: (id) => directory.account(id)?.name ?? 'En medarbejder',
    callbackRetentionHours: config.CALLBACK_RETENTION_HOURS,
    logger,
    ...(insight ? { insight } : {}),
    ...(onClaimed ? { onClaimed } : {}),
  });
  const sweeper = new HandoffSweeper(
    desk,
    {
      intervalMs: SWEEP_MS,
      waitOfferMs: config.HANDOFF_WAIT_OFFER_MINUTES * 60_000,
      citizenGraceMs: config.HANDOFF_CITIZEN_GRACE_SECONDS * 1000,
    },
    logger,
  );
  return {
    desk,
    sweeper,
    directory,
    staffRoutes: {
      desk,
      records: {
        queue: storage.handoffQueue,
        conversations: storage.conversations,
        notes: storage.notes,
        callbacks: storage.callbacks,
        presence: storage.citizenPresence,
      },
      directory,
      sessions: storage.staffSessions,
      throttle: storage.signInThrottle,
      clientAddress: createClientAddress(config.TRUST_PROXY),
      knowledge,
      logger,
      secureCookies: config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
      heartbeatMs: Math.min(HEARTBEAT_MS, graceMs / 2),
      graceMs,
      awayAfterMinutes: config.STAFF_AWAY_AFTER_MINUTES,
    },
  };
}
