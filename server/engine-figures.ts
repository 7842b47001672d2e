// The engine's own process figures for GET /metrics, read through its REST API (the engine has no Prometheus
// endpoint of its own: engine/ carries no actuator) and kept for a short while, so a scrape every 15 s costs a
// handful of count queries, not one per metric. A figure the engine would not give is left out, not guessed.
import type { EngineRest } from '../platform/engine-rest.ts';

export interface EngineFigures {
  processInstances: number | null;
  userTasks: number | null;
  /** Open external tasks (not yet completed), by topic. */
  externalTasks: Record<string, number> | null;
  /** Jobs whose retries ran out (timers and asynchronous continuations that failed). */
  failedJobs: number | null;
  /** The engine's own meters since it started counting (`/metrics/{name}/sum`), by name. */
  meters: Record<string, number>;
}

/** Meters Operaton keeps (flushed to its database every few minutes) that tell how busy it is. */
const METERS = ['root-process-instance-start', 'activity-instance-start', 'activity-instance-end', 'job-successful', 'job-failed', 'executed-decision-elements'] as const;

const count = (engine: EngineRest, path: string, query: Record<string, string | number | boolean> = {}) =>
  engine.get<{ count: number }>(path, query).then((r) => r.count, () => null);

async function readFigures(engine: EngineRest, topics: readonly string[]): Promise<EngineFigures> {
  const [processInstances, userTasks, failedJobs, perTopic, meters] = await Promise.all([
    count(engine, '/process-instance/count'),
    count(engine, '/task/count'),
    count(engine, '/job/count', { noRetriesLeft: true }),
    Promise.all(topics.map(async (topic) => [topic, await count(engine, '/external-task/count', { topicName: topic })] as const)),
    Promise.all(METERS.map(async (name) => [name, await engine.get<{ result: number }>(`/metrics/${name}/sum`).then((r) => r.result, () => null)] as const)),
  ]);
  const answered = perTopic.filter((entry): entry is readonly [string, number] => entry[1] !== null);
  return {
    processInstances,
    userTasks,
    failedJobs,
    externalTasks: answered.length ? Object.fromEntries(answered) : null,
    meters: Object.fromEntries(meters.filter((entry): entry is readonly [(typeof METERS)[number], number] => entry[1] !== null)),
  };
}

/** The figures, read at most once per `maxAgeMs` whoever asks (one reading at a time). */
export function cachedEngineFigures(engine: EngineRest, topics: readonly string[], maxAgeMs = 15_000): () => Promise<EngineFigures> {
  let last: { at: number; figures: EngineFigures } | undefined;
  let reading: Promise<EngineFigures> | undefined;
  return async () => {
    if (last && Date.now() - last.at < maxAgeMs) return last.figures;
    reading ??= readFigures(engine, topics)
      .then((figures) => {
        last = { at: Date.now(), figures };
        return figures;
      })
      .finally(() => (reading = undefined));
    return reading;
  };
}
