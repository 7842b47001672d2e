// The decision-table diff: each changed decision as a table with the new version's columns, rows coloured (added
// green, removed red and struck through, changed amber with the changed cells bold and old → new); decisions
// added or removed whole; unchanged decisions folded into one list.
import './diff.css';
import { Alert, Card, Collapse, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ChangeKindTag, OldNew } from './change-display.tsx';
import { diffDmn, rowCounts, type DecisionDiff, type DmnCell, type DmnColumn, type DmnRow } from './dmn-diff.ts';

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

/** `focus`: the decision the page was opened for; its file may hold others, shown after it. */
export function DmnDiffView({ oldXml, newXml, focus }: { oldXml: string; newXml: string; focus?: string }) {
  const [decisions, setDecisions] = useState<DecisionDiff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changedRowsOnly, setChangedRowsOnly] = useState(false);

  useEffect(() => {
    let alive = true;
    setDecisions(null);
    setError(null);
    diffDmn(oldXml, newXml)
      .then((found) => alive && setDecisions(found))
      .catch((e: unknown) => alive && setError(`无法比较这两个版本的决策表：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [oldXml, newXml]);

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

function DecisionCard({ decision, changedRowsOnly }: { decision: DecisionDiff; changedRowsOnly: boolean }) {
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

function ColumnHeader({ column }: { column: DmnColumn }) {
  const className = [column.kind === 'output' ? 'dmn-diff-output' : '', column.status !== 'unchanged' ? `dmn-diff-col-${column.status}` : ''].join(' ');
  const kindName = column.kind === 'input' ? '输入' : '输出';
  return (
    <th className={className}>
      {column.status === 'added' && <ChangeKindTag kind="added" />}
      {column.status === 'changed' && <ChangeKindTag kind="changed" />}
      {column.label || kindName}
      {column.previous && column.previous.label !== column.label ? (
        <span className="dmn-diff-expr">
          名称：
          <OldNew oldValue={column.previous.label} newValue={column.label} />
        </span>
      ) : null}
      {column.previous && column.previous.expression !== column.expression ? (
        <span className="dmn-diff-expr">
          <OldNew oldValue={column.previous.expression} newValue={column.expression} />
        </span>
      ) : (
        <span className="dmn-diff-expr">{column.expression}</span>
      )}
      {column.previous && column.previous.typeRef !== column.typeRef && (
        <span className="dmn-diff-expr">
          类型：
          <OldNew oldValue={column.previous.typeRef} newValue={column.typeRef} />
        </span>
      )}
    </th>
  );
}

function CellView({ cell, className = '' }: { cell: DmnCell; className?: string }) {
  if (cell.changed) {
    return (
      <td className={`${className} dmn-diff-cell-changed`}>
        <OldNew oldValue={cell.oldText || '-'} newValue={cell.text || '-'} />
      </td>
    );
  }
  return <td className={className}>{cell.text || (className ? '' : '-')}</td>;
}

function RuleTable({ columns, rows, allRows }: { columns: DmnColumn[]; rows: DmnRow[]; allRows: DmnRow[] }) {
  // Rule numbers as the new version counts them (removed rows have none there).
  const numbers = new Map<string, number>();
  let n = 0;
  for (const row of allRows) if (row.status !== 'removed') numbers.set(row.id, ++n);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="dmn-diff-table">
        <thead>
          <tr>
            <th>#</th>
            {columns.map((column) => (
              <ColumnHeader key={column.id} column={column} />
            ))}
            <th>注释</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`dmn-diff-${row.status}`} data-rule-id={row.id} data-status={row.status}>
              <td className="dmn-diff-number" title={row.id}>
                {numbers.get(row.id) ?? '—'}
              </td>
              {row.cells.map((cell) => (
                <CellView key={cell.columnId} cell={cell} />
              ))}
              <CellView cell={row.annotation} className="dmn-diff-annotation" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
