// Which engine candidate groups a person belongs to (docs/domain.md §8). Diagrams offer a task to a group named
// `<role>-<region>` (e.g. `clerk-${handlingRegionCode}`), `employer-<uscc>`, or a role alone (`operator`, `policy`).

import type { Identity } from '../platform/http/identity.ts';

export function candidateGroupsOf(who: Identity): string[] {
  switch (who.role) {
    case 'employer':
      return who.uscc ? [`employer-${who.uscc}`] : [];
    case 'clerk':
    case 'reviewer':
    case 'lead':
      return who.regionCode ? [`${who.role}-${who.regionCode}`] : [];
    case 'city':
      // A city's code is xxxx00; its supervisors take tasks offered to the city.
      return who.regionCode ? [`city-${who.regionCode}`] : [];
    case 'province':
      return ['province'];
    case 'policy':
      return ['policy'];
    case 'operator':
      return ['operator'];
  }
}

/** A task's completer is recorded as `<taskDefinitionKey in camelCase>CompletedBy`, e.g. acceptanceCompletedBy. */
export function completedByVariable(taskDefinitionKey: string): string {
  const camel = taskDefinitionKey.replace(/[-_]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
  return `${camel}CompletedBy`;
}
