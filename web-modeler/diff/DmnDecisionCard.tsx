// One decision of the decision-table diff: whether it was added, removed or changed, its changed properties (name,
// hit policy, …), removed columns, and its rules.
import { Card, Space, Tag, Typography } from 'antd';
import { ChangeKindTag, OldNew } from './change-display.tsx';
import { rowCounts, type DecisionDiff } from './dmn-diff.ts';
import { RuleTable } from './DmnRuleTable.tsx';

const PROPERTY_NAMES: Record<string, string> = {
  name: '决策名称',
  hitPolicy: '命中策略',
  requiredDecisions: '依赖的决策',
  literal: '表达式',
  variable: '结果变量',
  'operaton:historyTimeToLive': '历史保留期',
  'operaton:versionTag': '版本标签',
};

const HIT_POLICY_NAMES: Record<string, string> = {
  UNIQUE: '唯一（UNIQUE）',
  FIRST: '首个（FIRST）',
  ANY: '任一（ANY）',
  'RULE ORDER': '规则顺序（RULE ORDER）',
  COLLECT: '收集（COLLECT）',
  PRIORITY: '优先级（PRIORITY）',
  'OUTPUT ORDER': '输出顺序（OUTPUT ORDER）',
};

const hitPolicyName = (value: string | null) => (value === null ? null : (HIT_POLICY_NAMES[value] ?? value));

const STATUS_NAMES = { added: '新增的决策', removed: '删除的决策', changed: '有修改', unchanged: '未改变' } as const;

export function DecisionCard({ decision, changedRowsOnly }: { decision: DecisionDiff; changedRowsOnly: boolean }) {
  const counts = rowCounts(decision);
  const rows = changedRowsOnly && decision.status === 'changed' ? decision.rows.filter((row) => row.status !== 'unchanged') : decision.rows;
  const statusTag = decision.status === 'changed' ? <ChangeKindTag kind="changed" /> : decision.status === 'unchanged' ? null : <ChangeKindTag kind={decision.status} />;
  return (
    <Card
      size="small"
      data-testid={`dmn-diff-decision-${decision.id}`}
      title={
        <Space>
          {statusTag}
          {decision.name}
          <Typography.Text type="secondary">（{decision.id}）</Typography.Text>
        </Space>
      }
      extra={
        decision.logic === 'table' && (
          <Space size={4}>
            {decision.hitPolicy && <Tag>命中策略：{hitPolicyName(decision.hitPolicy)}</Tag>}
            {decision.status === 'changed' && (
              <Typography.Text type="secondary">
                修改 {counts.changed} 行，新增 {counts.added} 行，删除 {counts.removed} 行
              </Typography.Text>
            )}
          </Space>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {decision.status !== 'changed' && <Typography.Text type="secondary">{STATUS_NAMES[decision.status]}</Typography.Text>}
        {decision.properties.length > 0 && (
          <div className="diff-properties">
            {decision.properties.map((property) => (
              <div key={property.key} className="diff-property">
                <span className="diff-property-name">{PROPERTY_NAMES[property.key] ?? property.key}：</span>
                {property.key === 'hitPolicy' ? (
                  <OldNew oldValue={hitPolicyName(property.oldValue)} newValue={hitPolicyName(property.newValue)} />
                ) : (
                  <OldNew oldValue={property.oldValue} newValue={property.newValue} />
                )}
              </div>
            ))}
          </div>
        )}
        {decision.removedColumns.length > 0 && (
          <div className="diff-property">
            <span className="diff-property-name">删除的列：</span>
            {decision.removedColumns.map((column) => (
              <del key={column.id} className="diff-old">
                {column.label || column.expression}
              </del>
            ))}
          </div>
        )}
        {decision.logic === 'table' && <RuleTable columns={decision.columns} rows={rows} allRows={decision.rows} />}
      </Space>
    </Card>
  );
}
