// The incidents the engine holds, as the 故障处理 page groups and words them.
import type { Incident, RetryOutcome } from '../../../../../api/operations.ts';
import { regionShortName } from '../region-label.ts';

export type { Incident, RetryOutcome };

export interface IncidentGroup {
  key: string;
  title: string;
  incidents: Incident[];
}

/** One group per department asked, or per step for the system's own steps; the oldest group first. */
export function groupsOf(incidents: Incident[]): IncidentGroup[] {
  const groups = new Map<string, IncidentGroup>();
  for (const incident of incidents) {
    const key = incident.department ?? `step:${incident.step.name}`;
    const group = groups.get(key) ?? { key, title: incident.department ?? incident.step.name, incidents: [] };
    group.incidents.push(incident);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function unitText(i: Incident): string {
  return i.filing ? `${i.filing.unitName}（${i.filing.year} 年度，${regionShortName(i.filing.handlingRegionCode)}）` : '—';
}

export function outcomeText(outcome: RetryOutcome): string {
  const parts = [`已重试 ${outcome.retried.length} 项`];
  if (outcome.gone.length) parts.push(`${outcome.gone.length} 项已由他人处理`);
  if (outcome.notRetryable.length) parts.push(`${outcome.notRetryable.length} 项无法在此重试，请在 Cockpit 中处理`);
  return parts.join('，');
}
