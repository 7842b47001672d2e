// The row of tabs over the DMN canvas, one per view, each with the count of its findings (red when one is an error).
import { Badge, Tabs } from 'antd';
import { useMemo } from 'react';
import type { Finding } from '../modeler-api.ts';
import { countsByTab, type ViewTab } from './view-tabs.ts';

export interface DmnViewTabsProps {
  tabs: ViewTab[];
  activeId: string | undefined;
  findings: Finding[];
  owners: Map<string, string>;
  onOpen: (id: string) => void;
}

export function DmnViewTabs({ tabs, activeId, findings, owners, onOpen }: DmnViewTabsProps) {
  const counts = useMemo(() => countsByTab(findings, owners, tabs), [findings, owners, tabs]);
  return (
    <Tabs
      size="small"
      activeKey={activeId}
      onChange={onOpen}
      items={tabs.map((tab) => ({
        key: tab.id,
        label: (
          <Badge count={counts.get(tab.id)?.count ?? 0} color={counts.get(tab.id)?.error ? undefined : '#d48806'} size="small" offset={[8, -2]}>
            <span>{tab.label}</span>
          </Badge>
        ),
      }))}
      className="dmn-editor-tabs"
    />
  );
}
