// What the checks found in the file being edited, errors first; a finding on an element brings it into view.
import { Alert, Badge, List, Space, Tag, Typography } from 'antd';
import type { Finding } from './modeler-api.ts';

export function FindingsPanel({ findings, checking, problem, onReveal }: { findings: Finding[]; checking: boolean; problem?: string; onReveal: (elementId: string) => void }) {
  const errors = findings.filter((f) => f.category === 'error').length;
  const warnings = findings.length - errors;
  // A check that could not be done passes nothing.
  if (problem) return <Alert type="warning" showIcon data-testid="findings-unchecked" title={problem} />;
  if (findings.length === 0) {
    return <Alert type="success" showIcon data-testid="findings-none" title={checking ? '正在检查…' : '检查通过：没有发现问题'} />;
  }
  const sorted = [...findings].sort((a, b) => (a.category === b.category ? 0 : a.category === 'error' ? -1 : 1));
  return (
    <List
      size="small"
      bordered
      data-testid="findings"
      header={
        <Space>
          <Typography.Text strong>检查结果</Typography.Text>
          <Badge count={errors} showZero color="red" title="错误：不能部署" />
          错误
          <Badge count={warnings} showZero color="orange" title="提示：可以部署，建议修正" />
          提示
        </Space>
      }
      style={{ maxHeight: 220, overflow: 'auto', background: '#fff' }}
      dataSource={sorted}
      renderItem={(f) => (
        <List.Item
          data-testid="finding"
          data-element-id={f.elementId}
          style={{ cursor: f.elementId ? 'pointer' : undefined }}
          onClick={() => f.elementId && onReveal(f.elementId)}
        >
          <Space align="start">
            <Tag color={f.category === 'error' ? 'red' : 'orange'}>{f.category === 'error' ? '错误' : '提示'}</Tag>
            <span>
              {f.elementId && <Typography.Text code>{f.elementId}</Typography.Text>} {f.message}
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}
