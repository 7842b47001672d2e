// The form diff: the components added, removed or changed between two versions, with changed properties old → new.
import './diff.css';
import { Alert, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { ChangeKindTag, OldNew } from './change-display.tsx';
import { diffForms, type FormComponentChange } from './form-diff.ts';

const PROPERTY_NAMES: Record<string, string> = {
  label: '标签',
  key: '字段键',
  type: '组件类型',
  text: '文本',
  description: '说明',
  values: '选项',
  defaultValue: '默认值',
  'validate.required': '必填',
  'validate.min': '最小值',
  'validate.max': '最大值',
  'validate.minLength': '最短长度',
  'validate.maxLength': '最长长度',
  'validate.pattern': '格式（正则）',
  'conditional.hide': '隐藏条件',
  readonly: '只读',
  disabled: '禁用',
  schemaVersion: '表单格式版本',
};

export function FormDiffView({ oldJson, newJson }: { oldJson: string; newJson: string }) {
  const result = useMemo(() => {
    try {
      return { changes: diffForms(oldJson, newJson), error: null };
    } catch (e) {
      return { changes: [], error: `无法比较这两个版本的表单：${e instanceof Error ? e.message : String(e)}` };
    }
  }, [oldJson, newJson]);
  if (result.error) return <Alert type="error" showIcon title={result.error} />;
  if (result.changes.length === 0) return <Alert type="info" showIcon title="两个版本的表单没有差异。" />;
  return (
    <Table<FormComponentChange>
      rowKey={(row) => `${row.status}:${row.id}`}
      size="small"
      data-testid="form-change-table"
      dataSource={result.changes}
      pagination={false}
      columns={[
        { title: '变化', key: 'status', width: 90, render: (_, row) => <ChangeKindTag kind={row.status} /> },
        {
          title: '组件',
          key: 'component',
          width: 300,
          render: (_, row) => (
            <span>
              {row.title}
              {row.id && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {row.id}（{row.type}）
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: '改动内容',
          key: 'what',
          render: (_, row) =>
            row.status === 'added' ? (
              <Typography.Text type="secondary">新版本中新增的组件</Typography.Text>
            ) : row.status === 'removed' ? (
              <Typography.Text type="secondary">新版本中已删除</Typography.Text>
            ) : (
              <div className="diff-properties">
                {row.properties.map((property) => (
                  <div key={property.key} className="diff-property">
                    <span className="diff-property-name">
                      {PROPERTY_NAMES[property.key] ?? property.key}
                      {PROPERTY_NAMES[property.key] && <Typography.Text code>{property.key}</Typography.Text>}
                    </span>
                    <OldNew oldValue={property.oldValue} newValue={property.newValue} />
                  </div>
                ))}
              </div>
            ),
        },
      ]}
    />
  );
}
