// What the preview found: the totals, the change per county, and the filings whose result changes (each expandable
// to its flipped employee-months).
import { Alert, Card, Empty, Space, Table, Typography } from 'antd';
import { regionName } from '../../domain/regions.ts';
import type { ImpactPreview, PreviewFilingChange } from '../modeler-api.ts';
import { FlipList } from './FlipList.tsx';
import { amount, count, delta, deltaColor, money, signed } from './preview-numbers.ts';
import { PreviewTotals } from './PreviewTotals.tsx';

export function PreviewResults({ preview }: { preview: ImpactPreview }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="preview-results">
      <PreviewTotals preview={preview} />

      <Card size="small" title="按县（市、区）">
        <Table
          size="small"
          rowKey="regionCode"
          pagination={false}
          dataSource={preview.byCounty}
          data-testid="by-county"
          columns={[
            { title: '县（市、区）', dataIndex: 'regionCode', render: (code: string) => regionName(code) ?? code },
            { title: '回放申报', dataIndex: 'filings', align: 'right', render: (n: number) => `${n} 份` },
            { title: '结果变化', dataIndex: 'changed', align: 'right', render: (n: number) => `${n} 份` },
            { title: '认定人数变化', dataIndex: 'certifiedDelta', align: 'right', render: (n: number) => <span style={{ color: deltaColor(-n) }}>{signed(n, count)} 人</span> },
            { title: '应缴保障金变化', dataIndex: 'levyDelta', align: 'right', render: (n: number) => <span style={{ color: deltaColor(n) }}>{signed(n, money)}</span> },
          ]}
        />
      </Card>

      <Card size="small" title="结果变化的申报" extra={<Typography.Text type="secondary">展开一行，查看逐人逐月的认定变化及原因</Typography.Text>}>
        {preview.changesTruncated && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`变化的申报较多，只列出前 ${preview.changes.length} 份；上面的合计包括全部 ${preview.changed} 份。`} />
        )}
        <Table<PreviewFilingChange>
          size="small"
          rowKey="filingId"
          dataSource={preview.changes}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="修改后的规则不改变这些申报的认定结果" /> }}
          expandable={{ expandedRowRender: (change) => <FlipList change={change} /> }}
          data-testid="changed-filings"
          columns={[
            { title: '单位名称', dataIndex: 'employerName' },
            { title: '统一社会信用代码', dataIndex: 'employerUscc', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: '县（市、区）', dataIndex: 'regionCode', render: (code: string) => regionName(code) ?? code },
            { title: '认定人数', key: 'certified', align: 'right', render: (_, c) => `${count(c.certifiedBefore)} → ${count(c.certifiedAfter)}` },
            { title: '应缴保障金（元）', key: 'levy', align: 'right', render: (_, c) => `${amount(c.levyBefore)} → ${amount(c.levyAfter)}` },
            {
              title: '差额（元）',
              key: 'difference',
              align: 'right',
              render: (_, c) => {
                const d = delta(c.levyBefore, c.levyAfter);
                return <span style={{ color: deltaColor(d) }}>{signed(d, amount)}</span>;
              },
            },
            { title: '变化月份', key: 'flips', align: 'right', render: (_, c) => `${c.flips.length}${c.flipsTruncated ? '+' : ''} 个` },
          ]}
        />
      </Card>
    </Space>
  );
}
