import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { InsightRouteParts } from '../insight/insight-routes';
import type { Config } from '../runtime/config';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import type { Logger } from '../runtime/logger';
import { ConversationHash } from '../insight/conversation-hash';
import { INSIGHT_PURGE_INTERVAL_MS, InsightPurge } from '../insight/insight-purge';
import { InsightRecorder } from '../insight/insight-recorder';
import type { InsightStore } from '../insight/insight-store';

export interface AssembledInsight {
  readonly recorder: InsightRecorder;
  readonly purge: InsightPurge;
  /** The API's parts, once the staff directory is loaded (assemble-handoff.ts). */
  routes(
    staff: { readonly directory: StaffDirectory; readonly sessions: StaffSessionStore },
    knowledge: () => KnowledgeBase | undefined,
  ): InsightRouteParts;
}

/** The insight recorder (fire-and-forget, keyed conversation hash) and its retention, over the chosen store. */
export function assembleInsight(config: Config, store: InsightStore, logger: Logger): AssembledInsight {
  const hash = new ConversationHash(config.INSIGHT_HASH_SECRET);
  if (!hash.configured && config.REDIS_URL)
    logger.warn(
      'INSIGHT_HASH_SECRET is not set: each instance hashes conversations with its own random key, so a conversation moving between instances counts as two',
    );
  return {
    recorder: new InsightRecorder(store, hash, logger),
    purge: new InsightPurge(
      store,
      {
        retentionDays: config.INSIGHT_RETENTION_DAYS,
        aggregateRetentionDays: config.INSIGHT_AGGREGATE_RETENTION_DAYS,
        intervalMs: INSIGHT_PURGE_INTERVAL_MS,
      },
      logger,
    ),
    routes: (staff, knowledge) => ({
      ...staff,
      store,
      knowledge,
      retentionDays: config.INSIGHT_RETENTION_DAYS,
      minutesPerInquiry: config.INSIGHT_MINUTES_PER_INQUIRY,
      logger,
      secureCookies: config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
    }),
  };
}
