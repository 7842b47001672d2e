// The alerting rules shipped for Prometheus (deploy/prometheus/alerts.yml) name only figures the code exports: a
// metric renamed in platform/metrics.ts or server/metrics-endpoint.ts fails here, not silently in production. The file
// is read by a small reader of its own plain shape (groups → rules → alert, expr, for, labels, annotations).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { processMetrics } from '../../platform/metrics.ts';
import { systemGauges } from '../../server/metrics-endpoint.ts';
import type { SystemHealth } from '../../server/health.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  severity?: string;
  summary?: string;
}

function readRules(text: string): Rule[] {
  const rules: Rule[] = [];
  let rule: Partial<Rule> | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const alert = /^\s+- alert: (\S+)$/.exec(line);
    if (alert) {
      rule = { alert: alert[1]! };
      rules.push(rule as Rule);
      continue;
    }
    const field = /^\s+(expr|for|severity|summary): (.+)$/.exec(line);
    if (rule && field) rule[field[1] as 'expr'] = field[2]!.replace(/^"(.*)"$/, '$1');
  }
  return rules;
}

/** Every sample name the API's /metrics and a worker's port can answer with (histograms as their three series). */
function exportedNames(): Set<string> {
  const gauges = systemGauges({} as SystemHealth, {} as EngineRest);
  const names = new Set<string>(['up']);
  for (const metric of [...processMetrics.getMetricsAsArray(), ...gauges.getMetricsAsArray()]) {
    const { name, constructor } = metric as unknown as { name: string; constructor: { name: string } };
    if (constructor.name === 'Histogram') for (const part of ['_bucket', '_sum', '_count']) names.add(name + part);
    else names.add(name);
  }
  return names;
}

describe('deploy/prometheus/alerts.yml', () => {
  const text = readFileSync(path.join(projectRoot, 'deploy', 'prometheus', 'alerts.yml'), 'utf8');
  const rules = readRules(text);
  const exported = exportedNames();

  it('has the alerts that matter', () => {
    expect(text.startsWith('#') && /\ngroups:\n {2}- name: dpf\n {4}rules:\n/.test(text)).toBe(true);
    const names = rules.map((r) => r.alert);
    for (const name of ['DpfApiDown', 'DpfHttp5xxRate', 'DpfOutboxGrowing', 'DpfOutboxGivenUp', 'DpfIncidentsOpen', 'DpfDepartmentFailureRate', 'DpfApiLatencyP95']) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(readRules(readFileSync(path.join(projectRoot, 'deploy', 'prometheus', 'alerts.yml'), 'utf8')).map((r) => [r.alert, r] as const))(
    '%s: names only metrics the code exports, with a duration, severity and a summary',
    (_name, rule) => {
      expect(rule.expr).toBeTruthy();
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(rule.severity).toMatch(/^(critical|warning)$/);
      expect(rule.summary).toMatch(/[\u4e00-\u9fff]/);
      // Identifiers that are metrics: not PromQL's functions, keywords, label names or quoted values.
      const bare = rule.expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}').replace(/\[[^\]]*\]/g, '[]');
      const words = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\{|\[|\)|\s|$|[<>=!]))/g) ?? [];
      const keywords = new Set(['sum', 'by', 'rate', 'deriv', 'histogram_quantile', 'and', 'or', 'unless', 'le', 'route', 'department', 'topic', 'without']);
      const metrics = words.filter((w) => !keywords.has(w));
      expect(metrics.length).toBeGreaterThan(0);
      expect(metrics.filter((m) => !exported.has(m))).toEqual([]);
    },
  );

  it('catches a metric the code does not export', () => {
    expect(exported.has('dpf_outbox_pending')).toBe(true);
    expect(exported.has('dpf_department_call_duration_seconds_bucket')).toBe(true);
    expect(exported.has('dpf_no_such_metric')).toBe(false);
  });
});
