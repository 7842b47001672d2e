// The essentials of a 人工审核职工 task, at the top of the task page: the disputed employee (ID number masked; the
// whole number only through the filing's audited reveal), the unit's 异议理由 and the evidence it uploaded for them.
import { PaperClipOutlined } from '@ant-design/icons';
import { Descriptions, Space, Typography } from 'antd';
import type { ReviewedEmployee } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';

export function ReviewedEmployeeFacts({ employee }: { employee: ReviewedEmployee }) {
  return (
    <div data-testid="reviewed-employee">
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        title="异议职工"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'employee',
            label: '职工',
            children: (
              <Space wrap size={4}>
                <Typography.Text strong data-testid="reviewed-employee-name">{employee.name}</Typography.Text>
                <Typography.Text type="secondary">（申报名单第 {employee.number} 名）</Typography.Text>
              </Space>
            ),
          },
          { key: 'id', label: '身份证号', children: <span data-testid="reviewed-employee-id">{employee.idNumber}</span> },
          {
            key: 'reason',
            label: '异议理由',
            children: employee.disputeReason ? (
              <Space orientation="vertical" size={0}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="reviewed-employee-reason">
                  {employee.disputeReason}
                </Typography.Paragraph>
                {employee.disputedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>单位提交于 {chineseDateTime(employee.disputedAt)}</Typography.Text>}
              </Space>
            ) : (
              <Typography.Text type="secondary">未找到单位的异议理由</Typography.Text>
            ),
          },
          {
            key: 'evidence',
            label: '证明材料',
            children:
              employee.evidence.length > 0 ? (
                <div data-testid="reviewed-employee-evidence">
                  {employee.evidence.map((d) => (
                    <div key={d.id}>
                      <PaperClipOutlined /> {d.originalName}
                    </div>
                  ))}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>可在“材料”中预览和下载</Typography.Text>
                  </div>
                </div>
              ) : (
                <Typography.Text type="secondary">单位未上传该职工的证明材料</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
