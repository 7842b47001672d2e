// What one external-task topic declares, in one module: its name, the process variables its worker reads, the
// department it asks (if any), the element template the modeler offers for it, and how its handler is built from
// the running system's wiring. The registry (registry.ts) lists the modules; everything else is derived from them.
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import type { DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import type { ElementTemplate } from './element-templates/load-element-templates.ts';
import type { JobHandler } from './job-outcome.ts';

/** The department a topic's worker asks, in the words of those who read about it. */
export interface Department {
  /** As employers and operators know it: the employer's "waiting for a department" line, the incident list. */
  name: string;
  /** The service that answers, as an operator reads it in an incident's message in Cockpit. */
  service: string;
  /** The automatic review waits for it: the employer is told while it does not answer. */
  reviewCheck: boolean;
}

/** A topic as its handler names it in what it reports: the topic, and its department (null: the system's own step). */
export interface TopicIdentity {
  topic: string;
  department: Department | null;
}

/** What the running system gives a topic to build its handler. */
export interface TopicWiring {
  config: Config;
  db: Db;
  engine: EngineRest;
  /** Where departments send later answers. */
  callbacks: DepartmentCallbacks;
}

export interface TopicModule<Topic extends string = string> extends TopicIdentity {
  topic: Topic;
  /** The process variables the handler reads: the engine loads only these for its tasks. */
  variables: readonly string[];
  template: ElementTemplate;
  handler: (wiring: TopicWiring) => JobHandler<unknown, object>;
}

/** Declares a topic module, keeping its topic's literal type so the registry can name every topic. */
export function topicModule<const Topic extends string>(module: TopicModule<Topic>): TopicModule<Topic> {
  return module;
}
