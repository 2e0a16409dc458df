import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { OperationsMetrics } from '../../bot/metrics/operations-metrics';
import { prometheusSamples } from '../support/prometheus-text';
import { PROJECT_ROOT } from '../support/project-paths';

const RULES_FILE = path.join(PROJECT_ROOT, 'docs', 'operations', 'prometheus-alerts.yaml');

/** Prometheus's rule file format, as far as alerting rules go. */
const RuleFileSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        rules: z
          .array(
            z.strictObject({
              alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
              expr: z.string().min(1),
              for: z
                .string()
                .regex(/^\d+[smhdw]$/)
                .optional(),
              labels: z.record(z.string(), z.string()).optional(),
              annotations: z.record(z.string(), z.string()).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** PromQL words that are neither metrics nor functions (functions are followed by "("). */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
]);

/** The metric names an expression reads: strings, label matchers, ranges and grouping lists removed first. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?/g)]
    .filter((m) => !m[2] && !KEYWORDS.has(m[1] ?? ''))
    .map((m) => m[1] ?? '');
}

/** Every sample name the server's registry exports once each metric has a value. */
async function exportedNames(): Promise<Set<string>> {
  const metrics = new OperationsMetrics();
  metrics.observeRequest('GET', '/healthz', 200, 0.01);
  metrics.countTurn('fallback');
  metrics.observeClassification(0.001);
  metrics.observeQueueWait('boegely', 30);
  metrics.countRedisError('connection');
  metrics.readQueueLengthsWith(async () => new Map([['boegely', 1]]));
  return new Set(prometheusSamples((await metrics.exposition()).body).map((s) => s.name));
}

describe('docs/operations/prometheus-alerts.yaml', () => {
  const rules = RuleFileSchema.parse(parse(readFileSync(RULES_FILE, 'utf8'))).groups.flatMap((g) => g.rules);

  it('is a Prometheus rule file with the alerts the README promises', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'BorgerserviceRedisErrors',
        'BorgerserviceQueueWaitHigh',
        'BorgerserviceFallbackSpike',
        'BorgerserviceServerErrors',
        'BorgerserviceEventLoopLag',
      ]),
    );
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
  });

  it('reads only metrics the server exports', async () => {
    const exported = await exportedNames();
    const unknown = rules.flatMap((rule) =>
      metricNamesIn(rule.expr)
        .filter((name) => !exported.has(name))
        .map((name) => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
    // The check itself sees the names (an empty list above must not come from finding none).
    expect(metricNamesIn(rules[0]?.expr ?? '')).toEqual(['borgerservice_redis_errors_total']);
  });

  it('finds a misspelt metric (the check works)', () => {
    expect(metricNamesIn('sum by (le) (rate(borgerservice_turn_total{decision="x"}[5m])) > 0 and up')).toEqual([
      'borgerservice_turn_total',
      'up',
    ]);
  });
});
