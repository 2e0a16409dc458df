import type restify from 'restify';
import { hasMetricsToken } from '../../bot/metrics/metrics-access';
import { startMetricsListener } from '../../bot/metrics/metrics-endpoint';
import { METRIC_NAMES, OperationsMetrics } from '../../bot/metrics/operations-metrics';
import { timedClassification } from '../../bot/metrics/timed-classification';
import { ConfigError, loadConfig } from '../../bot/runtime/config';
import { createLogger } from '../../bot/runtime/logger';
import { createServer } from '../../bot/server';
import { metricFamilies, sampleSum } from '../support/prometheus-text';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

const TOKEN = 'metrics-test-token-0123456789abcdef';
const logger = createLogger('silent');

async function scrape(metrics: OperationsMetrics): Promise<string> {
  return (await metrics.exposition()).body;
}

describe('the operations metrics registry', () => {
  it('labels requests by method, route pattern and status class, and folds unknown methods into one label', async () => {
    const metrics = new OperationsMetrics();
    metrics.observeRequest('GET', '/healthz', 200, 0.002);
    metrics.observeRequest('POST', '/v3/directline/conversations/:conversationId/activities', 503, 0.3);
    metrics.observeRequest('GET', '/healthz', 204, 0.004);
    const text = await scrape(metrics);
    const count = `${METRIC_NAMES.httpRequestDuration}_count`;
    expect(sampleSum(text, count, { method: 'GET', route: '/healthz', status_class: '2xx' })).toBe(2);
    expect(
      sampleSum(text, count, {
        route: '/v3/directline/conversations/:conversationId/activities',
        status_class: '5xx',
      }),
    ).toBe(1);
  });

  it('counts turns by decision', async () => {
    const metrics = new OperationsMetrics();
    for (const decision of ['answered', 'answered', 'fallback', 'clarified']) metrics.countTurn(decision);
    const text = await scrape(metrics);
    expect(sampleSum(text, METRIC_NAMES.turns, { decision: 'answered' })).toBe(2);
    expect(sampleSum(text, METRIC_NAMES.turns, { decision: 'fallback' })).toBe(1);
    expect(sampleSum(text, METRIC_NAMES.turns, { decision: 'clarified' })).toBe(1);
  });

  it('reads queue lengths at each scrape, and counts a failed read as a Redis error instead of failing the scrape', async () => {
    const metrics = new OperationsMetrics();
    expect(sampleSum(await scrape(metrics), METRIC_NAMES.queueLength)).toBe(0);
    let lengths = new Map([
      ['faelles', 3],
      ['havbakke', 0],
    ]);
    let failing = false;
    metrics.readQueueLengthsWith(async () => {
      if (failing) throw new Error('Redis is away');
      return lengths;
    });
    let text = await scrape(metrics);
    expect(sampleSum(text, METRIC_NAMES.queueLength, { queue: 'faelles' })).toBe(3);
    expect(text).toContain(`${METRIC_NAMES.queueLength}{queue="havbakke"} 0`);
    lengths = new Map([['faelles', 1]]);
    text = await scrape(metrics);
    expect(sampleSum(text, METRIC_NAMES.queueLength, { queue: 'faelles' })).toBe(1);
    // A queue gone from the knowledge base leaves no stale series behind.
    expect(text).not.toContain('queue="havbakke"');
    failing = true;
    text = await scrape(metrics);
    expect(text).not.toContain(`${METRIC_NAMES.queueLength}{`);
    expect(sampleSum(text, METRIC_NAMES.redisErrors, { source: 'queue-length' })).toBe(1);
  });

  it('records queue waits, Redis errors, classification times and the knowledge version', async () => {
    const metrics = new OperationsMetrics();
    metrics.observeQueueWait('faelles', 42);
    metrics.observeQueueWait('faelles', 400);
    metrics.countRedisError('connection');
    metrics.observeClassification(0.0008);
    let version: number | undefined;
    metrics.readKnowledgeVersionWith(() => version);
    let text = await scrape(metrics);
    expect(sampleSum(text, `${METRIC_NAMES.queueWait}_count`, { queue: 'faelles' })).toBe(2);
    expect(sampleSum(text, `${METRIC_NAMES.queueWait}_bucket`, { queue: 'faelles', le: '60' })).toBe(1);
    expect(sampleSum(text, `${METRIC_NAMES.queueWait}_sum`, { queue: 'faelles' })).toBe(442);
    expect(sampleSum(text, METRIC_NAMES.redisErrors, { source: 'connection' })).toBe(1);
    expect(sampleSum(text, `${METRIC_NAMES.classifierDuration}_count`)).toBe(1);
    expect(sampleSum(text, METRIC_NAMES.knowledgeVersion)).toBe(0);
    version = 7;
    text = await scrape(metrics);
    expect(sampleSum(text, METRIC_NAMES.knowledgeVersion)).toBe(7);
  });

  it("includes prom-client's process metrics, event-loop lag among them", async () => {
    const families = metricFamilies(await scrape(new OperationsMetrics()));
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(families).toContain(name);
    }
  });

  it('keeps each instance its own registry (two in one process do not collide)', async () => {
    const a = new OperationsMetrics();
    const b = new OperationsMetrics();
    a.countTurn('answered');
    expect(sampleSum(await scrape(b), METRIC_NAMES.turns)).toBe(0);
  });
});

describe('the metrics bearer token', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [`Basic ${TOKEN}`, false],
    ['Bearer ', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(hasMetricsToken(header, TOKEN)).toBe(expected);
  });
});

describe('timed classification', () => {
  it('times each classification and answers what the source answers, inside its `during`', async () => {
    const source = await stubKnowledgeSource(() => ({ kind: 'answer', intent: 'pas.bestil', score: 0.9 }));
    const seen: number[] = [];
    let inside = 0;
    const timed = timedClassification(
      {
        ...source,
        during: async (turn) => {
          inside += 1;
          return turn();
        },
      },
      (seconds) => seen.push(seconds),
    );
    const result = await timed.during?.(() => timed.classifier.classify('mit pas', 'da'));
    expect(result?.decision).toEqual({ kind: 'answer', intent: 'pas.bestil', score: 0.9 });
    expect(inside).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(0);
    expect(timed.knowledge).toBe(source.knowledge);
  });
});

describe('the metrics settings', () => {
  it('accept a long token, a port and a host, and read empty values as unset', () => {
    const config = loadConfig({ METRICS_TOKEN: TOKEN, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' });
    expect([config.METRICS_TOKEN, config.METRICS_PORT, config.METRICS_HOST]).toEqual([TOKEN, 9464, '0.0.0.0']);
    const empty = loadConfig({ METRICS_TOKEN: '', METRICS_PORT: '' });
    expect([empty.METRICS_TOKEN, empty.METRICS_PORT, empty.METRICS_HOST]).toEqual([undefined, undefined, '127.0.0.1']);
  });

  it.each([
    ['METRICS_TOKEN', 'short'],
    ['METRICS_PORT', 'nine'],
    ['METRICS_PORT', '70000'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('/metrics on the public port', () => {
  const servers: restify.Server[] = [];
  afterAll(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
          }),
      ),
    );
  });

  async function start(env: NodeJS.ProcessEnv): Promise<{ base: string; metrics: OperationsMetrics }> {
    const metrics = new OperationsMetrics();
    const server = createServer({
      config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
      bot: () => undefined,
      logger,
      isReady: () => true,
      metrics,
    });
    server.get('/things/:thingId', (_req, res, next) => {
      res.send(200, { ok: true });
      next();
    });
    servers.push(server);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    return { base: `http://127.0.0.1:${server.address().port}`, metrics };
  }

  it('is off (404, JSON) without METRICS_TOKEN', async () => {
    const { base } = await start({});
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('asks for the token (401, JSON), and with it answers the exposition labelled by route pattern', async () => {
    const { base } = await start({ METRICS_TOKEN: TOKEN });
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }] as Record<string, string>[]) {
      const refused = await fetch(`${base}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await refused.json()).toMatchObject({ error: 'unauthorized' });
    }
    for (const id of ['a1', 'b2', 'c3']) expect((await fetch(`${base}/things/${id}`)).status).toBe(200);
    expect((await fetch(`${base}/no/such/page`)).status).toBe(404);
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const count = `${METRIC_NAMES.httpRequestDuration}_count`;
    expect(sampleSum(text, count, { route: '/things/:thingId', status_class: '2xx' })).toBe(3);
    expect(sampleSum(text, count, { route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(sampleSum(text, count, { route: '/metrics', status_class: '4xx' })).toBe(2);
    expect(text).not.toMatch(/route="\/things\/a1"/);
  });
});

describe('the separate metrics listener', () => {
  it('serves only GET /metrics, and asks for the token when one is set', async () => {
    const open = await startMetricsListener(
      new OperationsMetrics(),
      { port: 0, host: '127.0.0.1', token: undefined },
      logger,
    );
    const guarded = await startMetricsListener(
      new OperationsMetrics(),
      { port: 0, host: '127.0.0.1', token: TOKEN },
      logger,
    );
    try {
      expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scraped = await fetch(open.url);
      expect(scraped.status).toBe(200);
      expect(metricFamilies(await scraped.text())).toContain(METRIC_NAMES.turns);
      const other = await fetch(open.url.replace('/metrics', '/healthz'));
      expect(other.status).toBe(404);
      expect(await other.json()).toMatchObject({ error: 'not_found' });
      expect((await fetch(open.url, { method: 'POST' })).status).toBe(404);
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await Promise.all([open.close(), guarded.close()]);
    }
  });
});
