import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric name this server exports besides prom-client's defaults; docs/prometheus-alerts.yaml uses only these. */
export const METRIC_NAMES = {
  httpRequestDuration: 'borgerservice_http_request_duration_seconds',
  turns: 'borgerservice_turns_total',
  classifierDuration: 'borgerservice_classifier_duration_seconds',
  queueLength: 'borgerservice_handoff_queue_length',
  queueWait: 'borgerservice_handoff_queue_wait_seconds',
  redisErrors: 'borgerservice_redis_errors_total',
  knowledgeVersion: 'borgerservice_knowledge_version',
} as const;

/** What the queue-length gauge asks at each scrape: citizens waiting per queue id. */
export type QueueLengths = () => Promise<ReadonlyMap<string, number>>;

/**
 * The operations metrics of one process (Prometheus scrapes each instance): labels are bounded
 * sets only (route patterns, status classes, decisions, queue ids, store names), never ids or text.
 */
export class OperationsMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status_class'>;
  private readonly turns: Counter<'decision'>;
  private readonly classifier: Histogram;
  private readonly queueWaits: Histogram<'queue'>;
  private readonly redisErrors: Counter<'source'>;
  private readonly queueLength: Gauge<'queue'>;
  private queueLengths: QueueLengths | undefined;
  private knowledgeVersion: () => number | undefined = () => undefined;

  constructor() {
    // nodejs_eventloop_lag_* among them, which the event-loop alert reads.
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: METRIC_NAMES.httpRequestDuration,
      help: 'HTTP requests by method, route pattern and status class (1xx..5xx), and how long they took.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.turns = new Counter({
      name: METRIC_NAMES.turns,
      help: 'Dialogue turns by what the assistant did (answered, clarified, fallback, handoff-offered, feedback, declined).',
      labelNames: ['decision'],
      registers: [this.registry],
    });
    this.classifier = new Histogram({
      name: METRIC_NAMES.classifierDuration,
      help: 'Time to classify one citizen message.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [this.registry],
    });
    this.queueWaits = new Histogram({
      name: METRIC_NAMES.queueWait,
      help: 'How long citizens waited in the staffed queue before an agent claimed them.',
      labelNames: ['queue'],
      buckets: [5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600],
      registers: [this.registry],
    });
    this.redisErrors = new Counter({
      name: METRIC_NAMES.redisErrors,
      help: 'Redis connection errors and failed store operations, by where they were seen.',
      labelNames: ['source'],
      registers: [this.registry],
    });
    this.queueLength = new Gauge({
      name: METRIC_NAMES.queueLength,
      help: 'Citizens waiting in each staffed queue (read from the shared queue at scrape time).',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    const version = () => this.knowledgeVersion();
    new Gauge({
      name: METRIC_NAMES.knowledgeVersion,
      help: 'The published knowledge version this instance answers from (0 when loaded from the folder).',
      registers: [this.registry],
      collect() {
        this.set(version() ?? 0);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  countTurn(decision: string): void {
    this.turns.inc({ decision });
  }

  observeClassification(seconds: number): void {
    this.classifier.observe(seconds);
  }

  observeQueueWait(queue: string, seconds: number): void {
    this.queueWaits.observe({ queue }, seconds);
  }

  countRedisError(source: string): void {
    this.redisErrors.inc({ source });
  }

  /** Set once the queue exists; until then the gauge has no series. */
  readQueueLengthsWith(read: QueueLengths): void {
    this.queueLengths = read;
  }

  readKnowledgeVersionWith(read: () => number | undefined): void {
    this.knowledgeVersion = read;
  }

  /** The Prometheus text exposition. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await this.readQueueLengths();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * Before the registry is serialised (not in a gauge's collect, which runs alongside the other
   * metrics): a failed read is then counted in this very scrape.
   */
  private async readQueueLengths(): Promise<void> {
    if (!this.queueLengths) return;
    this.queueLength.reset();
    try {
      for (const [queue, waiting] of await this.queueLengths()) this.queueLength.set({ queue }, waiting);
    } catch (error) {
      // Redis is away: the scrape still answers, with the error counted and no queue series.
      if (!(error instanceof Error)) throw error;
      this.redisErrors.inc({ source: 'queue-length' });
    }
  }
}
