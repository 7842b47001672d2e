// The decision-table diff: each changed decision as a table with the new version's columns, rows coloured (added
// green, removed red and struck through, changed amber with the changed cells bold and old → new); decisions
// added or removed whole; unchanged decisions folded into one list.
import './diff.css';
import { Alert, Collapse, Space, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { DecisionCard } from './DmnDecisionCard.tsx';
import { useDmnDiff } from './use-dmn-diff.ts';

/** `focus`: the decision the page was opened for; its file may hold others, shown after it. */
export function DmnDiffView({ oldXml, newXml, focus }: { oldXml: string; newXml: string; focus?: string }) {
  const { decisions, error } = useDmnDiff(oldXml, newXml);
  const [changedRowsOnly, setChangedRowsOnly] = useState(false);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!decisions) return <Spin />;
  const touched = decisions.filter((decision) => decision.status !== 'unchanged').sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  const unchanged = decisions.filter((decision) => decision.status === 'unchanged');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dmn-diff">
      <Space wrap>
        <Typography.Text>
          有变化的决策 <b>{touched.length}</b> 个，未改变的决策 {unchanged.length} 个。
        </Typography.Text>
        <Switch checked={changedRowsOnly} onChange={setChangedRowsOnly} /> 只显示有变化的行
      </Space>
      {touched.length === 0 && <Alert type="info" showIcon title="两个版本的决策没有差异。" />}
      {touched.map((decision) => (
        <DecisionCard key={decision.id} decision={decision} changedRowsOnly={changedRowsOnly} />
      ))}
      {unchanged.length > 0 && (
        <Collapse
          items={[
            {
              key: 'unchanged',
              label: `未改变的决策 ${unchanged.length} 个`,
              children: (
                <ul className="dmn-diff-unchanged">
                  {unchanged.map((decision) => (
                    <li key={decision.id}>
                      {decision.name} <Typography.Text type="secondary">（{decision.id}）</Typography.Text>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
