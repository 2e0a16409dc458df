import { DEFAULT_TRAINING_WORKER } from '../intents/train-in-worker';
import { assembleAssistant, type Assistant } from './assembly/assemble-assistant';
import { assembleHandoff } from './assembly/assemble-handoff';
import { assembleInsight } from './assembly/assemble-insight';
import { assembleKnowledge, type AssembledKnowledge } from './assembly/assemble-knowledge';
import { assembleStudio } from './assembly/assemble-studio';
import { assembleWebchat } from './assembly/assemble-webchat';
import { createStorage } from './assembly/assemble-storage';
import { ConfigError, loadConfig } from './runtime/config';
import { createLogger } from './runtime/logger';
import { startMetricsListener, type MetricsListener } from './metrics/metrics-endpoint';
import { OperationsMetrics } from './metrics/operations-metrics';
import { createServer } from './server';
import { UNANSWERED_PURGE_INTERVAL_MS, UnansweredPurge } from './unanswered/unanswered-purge';

/** Start-up: configuration, knowledge, server; then wait for SIGTERM/SIGINT and shut down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let ready = false;
  // Read by the closures below while it is still undefined (the server answers while the model trains).
  let assistant: Assistant | undefined;
  const metrics = new OperationsMetrics();
  const storage = await createStorage(config, logger, (source) => metrics.countRedisError(source));
  const purge = new UnansweredPurge(
    storage.unanswered,
    { retentionMs: config.UNANSWERED_RETENTION_DAYS * 24 * 3600_000, intervalMs: UNANSWERED_PURGE_INTERVAL_MS },
    logger,
  );
  purge.start();
  const insight = assembleInsight(config, storage.insight, logger);
  insight.purge.start();
  const knowledge = () => assistant?.live.knowledge;
  const handoff = await assembleHandoff(
    config,
    storage,
    knowledge,
    () => (assistant ? assistant.dialogue.handoffNotice.bind(assistant.dialogue) : undefined),
    logger,
    insight.recorder,
    (queueId, seconds) => metrics.observeQueueWait(queueId, seconds),
  );
  const webchat = assembleWebchat(
    config,
    storage.conversations,
    () => assistant?.bot,
    knowledge,
    logger,
    storage.rateLimits,
    { presence: storage.citizenPresence, desk: handoff.desk },
  );
  metrics.readQueueLengthsWith(() => handoff.desk.queueLengths());
  metrics.readKnowledgeVersionWith(() => assistant?.live.version);
  // Versions, publisher and live knowledge: ready once the knowledge is loaded (after listening).
  let versions: AssembledKnowledge | undefined;
  const studio = assembleStudio(config, {
    storage: storage.studio,
    knowledgeVersions: () => versions,
    directory: handoff.directory,
    sessions: storage.staffSessions,
    unanswered: storage.unanswered,
    knowledge,
    logger,
  });
  // Listen first, so health checks answer while the model trains (in a worker thread).
  const server = createServer({
    config,
    bot: () => assistant?.bot,
    logger,
    isReady: () => ready,
    webchat,
    staff: handoff.staffRoutes,
    studio,
    insight: insight.routes({ directory: handoff.directory, sessions: storage.staffSessions }, knowledge),
    ...(storage.health ? { storeHealth: storage.health } : {}),
    metrics,
  });
  await new Promise<void>((resolve) => {
    server.listen(config.PORT, config.HOST, resolve);
  });
  logger.info(
    { url: server.url, store: config.REDIS_URL ? 'redis' : 'memory' },
    'assistant listening; loading knowledge',
  );
  const metricsListener: MetricsListener | undefined =
    config.METRICS_PORT === undefined
      ? undefined
      : await startMetricsListener(
          metrics,
          { port: config.METRICS_PORT, host: config.METRICS_HOST, token: config.METRICS_TOKEN },
          logger,
        );
  const loaded = await assembleKnowledge(config, logger, { trainingWorker: DEFAULT_TRAINING_WORKER });
  assistant = await assembleAssistant(config, logger, {
    live: loaded.live,
    trainingWorker: DEFAULT_TRAINING_WORKER,
    storage: storage.botState,
    handoff: handoff.desk,
    insight: insight.recorder,
    unanswered: storage.unanswered,
    metrics,
  });
  versions = loaded;
  handoff.sweeper.start();
  ready = true;
  logger.info({ url: server.url }, 'assistant ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false; // load balancers stop sending new work while in-flight requests finish
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('grace period over; exiting with requests still open');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000);
    force.unref();
    server.closeStaffStreams?.();
    server.close();
    void Promise.all([
      webchat.directLine.close(),
      handoff.sweeper.stop(),
      purge.stop(),
      insight.purge.stop(),
      loaded.close(),
      metricsListener?.close(),
    ])
      // Events still queued are written before the store closes.
      .then(() => insight.recorder.flush())
      .then(() => storage.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    (error instanceof Error && ['KnowledgeBaseError', 'StaffFileError'].includes(error.name))
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
