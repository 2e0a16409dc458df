import { METRIC_NAMES } from '../../bot/metrics/operations-metrics';
import { startAssistantProcess, type AssistantProcess } from '../support/browser';
import { askOverDirectLine } from '../support/direct-line-question';
import { ifStarted } from '../support/if-started';
import { metricFamilies, prometheusSamples, sampleSum } from '../support/prometheus-text';

const TOKEN = 'metrics-server-test-token-0123456789abcdef';
const ACTIVITIES_ROUTE = '/v3/directline/conversations/:conversationId/activities';

/** The real server (built), with both ways to reach /metrics: the token on its port and a listener of its own. */
describe('/metrics on a running server', () => {
  let server: AssistantProcess;
  let listenerUrl: string;

  beforeAll(async () => {
    server = await startAssistantProcess({
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: '0',
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000',
    });
    const url = /"metricsUrl":"(http:\/\/[^"]+)"/.exec(server.output())?.[1];
    if (!url) throw new Error(`no "metrics listening" line in the log:\n${server.output()}`);
    listenerUrl = url;
  }, 180_000);

  afterAll(async () => {
    await ifStarted(server)?.stop();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('refuses a scrape without the token, or with a wrong one, with 401 and a JSON body', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN.replace('0', '1')}` }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('exports every metric the alerts read, event-loop lag included', async () => {
    const families = metricFamilies(await scrape());
    for (const name of [
      ...Object.values(METRIC_NAMES),
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(families).toContain(name);
    }
  });

  it('counts a citizen turn by its decision, times its classification, and labels Direct Line by route pattern', async () => {
    const before = await scrape();
    const reply = await askOverDirectLine(server.url, 'jeg har mistet mit pas');
    expect(reply).not.toBe('');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(delta(METRIC_NAMES.turns)).toBe(1);
    expect(delta(METRIC_NAMES.turns, { decision: 'answered' })).toBe(1);
    expect(delta(`${METRIC_NAMES.classifierDuration}_count`)).toBeGreaterThanOrEqual(1);
    const requests = `${METRIC_NAMES.httpRequestDuration}_count`;
    expect(delta(requests, { method: 'POST', route: ACTIVITIES_ROUTE, status_class: '2xx' })).toBe(1);
    expect(delta(requests, { method: 'POST', route: '/api/webchat/token', status_class: '2xx' })).toBe(1);
    // Only patterns: no label value holds a conversation id.
    const routes = new Set(prometheusSamples(after).flatMap((s) => (s.labels.route ? [s.labels.route] : [])));
    for (const route of routes) expect(route === 'unmatched' || route.startsWith('/')).toBe(true);
    expect([...routes].filter((r) => r.startsWith('/v3/directline/conversations/') && !r.includes(':'))).toEqual([]);
    // Queues are known from the municipality profiles; nobody waits.
    expect(prometheusSamples(after).filter((s) => s.name === METRIC_NAMES.queueLength).length).toBeGreaterThan(0);
    expect(sampleSum(after, METRIC_NAMES.queueLength)).toBe(0);
  });

  it('serves /metrics on METRICS_PORT (localhost) with the token, and nothing else there', async () => {
    expect(listenerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(listenerUrl)).status).toBe(401);
    const scraped = await fetch(listenerUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(metricFamilies(await scraped.text())).toContain(METRIC_NAMES.turns);
    const other = await fetch(listenerUrl.replace(/\/metrics$/, '/healthz'));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: 'not_found' });
  });
});
