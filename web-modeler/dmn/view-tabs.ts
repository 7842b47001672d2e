// The DMN editor's tabs, one per view (the decision requirements diagram and each decision), and which findings
// belong to which tab: a decision's tab holds everything inside it; the DRD what belongs to no decision.
import type { DmnView } from 'dmn-js/lib/Modeler';
import type { Finding } from '../modeler-api.ts';

const VIEW_TYPE_SUFFIX: Record<string, string> = { literalExpression: '（表达式）', boxedExpression: '（业务知识）' };

export interface ViewTab {
  id: string;
  label: string;
  type: DmnView['type'];
}

export function tabsOf(views: DmnView[]): ViewTab[] {
  return views.map((view) => ({
    id: view.id,
    type: view.type,
    label: view.type === 'drd' ? '决策需求图' : `${view.name || view.id}${VIEW_TYPE_SUFFIX[view.type] ?? ''}`,
  }));
}

/** Findings per tab, and whether any of them is an error. */
export function countsByTab(findings: Finding[], owners: Map<string, string>, tabs: ViewTab[]) {
  const byView = new Map<string, { count: number; error: boolean }>();
  for (const f of findings) {
    const viewId = owners.get(f.elementId) ?? tabs.find((t) => t.type === 'drd')?.id;
    if (!viewId) continue;
    const seen = byView.get(viewId) ?? { count: 0, error: false };
    byView.set(viewId, { count: seen.count + 1, error: seen.error || f.category === 'error' });
  }
  return byView;
}

/** The findings the active tab shows. */
export function findingsOfTab(findings: Finding[], owners: Map<string, string>, tabs: ViewTab[], activeId: string | undefined) {
  return findings.filter((f) => {
    const owner = owners.get(f.elementId);
    const activeTab = tabs.find((t) => t.id === activeId);
    return activeTab?.type === 'drd' ? !owner || owner === f.elementId : owner === activeId;
  });
}
