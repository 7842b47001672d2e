// The department each department-facing topic asks, named as employers and operators know it (each topic module
// declares it): one lookup for the employer's "waiting for a department" line and the operators' incident list.
import { TOPIC_MODULES } from './registry.ts';

const DEPARTMENT_OF_TOPIC: ReadonlyMap<string, { name: string; reviewCheck: boolean }> = new Map(
  TOPIC_MODULES.flatMap(({ topic, department }) => (department ? [[topic, department] as const] : [])),
);

/** The department a topic's worker asks, or undefined for the system's own steps. */
export function departmentOfTopic(topic: string): string | undefined {
  return DEPARTMENT_OF_TOPIC.get(topic)?.name;
}

/** The department an automatic-review check asks, or undefined for any other step. */
export function departmentOfReviewCheck(topic: string): string | undefined {
  const department = DEPARTMENT_OF_TOPIC.get(topic);
  return department?.reviewCheck ? department.name : undefined;
}
