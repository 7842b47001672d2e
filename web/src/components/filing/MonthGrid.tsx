// One employee's year, month by month (docs/domain.md §7 counts by month): counted or not, and why not, in plain Chinese.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Col, Row, Typography } from 'antd';
import { MONTH_REASON_TEXT } from '../../../../review/reason-messages.ts';
import type { MonthResult } from '../../lib/filing-types.ts';
import { monthName } from '../../lib/format.ts';

export function reasonText(code: string): string {
  return Object.hasOwn(MONTH_REASON_TEXT, code) ? MONTH_REASON_TEXT[code as keyof typeof MONTH_REASON_TEXT].zh : code;
}

export function MonthGrid({ months }: { months: MonthResult[] }) {
  return (
    <Row gutter={[8, 8]} data-testid="month-grid">
      {months.map((m) => (
        <Col key={m.month} xs={12} sm={8} md={6} xl={4}>
          <div
            data-testid="month-cell"
            data-counted={m.counted ? 'true' : 'false'}
            style={{
              border: `1px solid ${m.counted ? '#b7eb8f' : '#ffccc7'}`,
              background: m.counted ? '#f6ffed' : '#fff2f0',
              borderRadius: 4,
              padding: '6px 8px',
              height: '100%',
            }}
          >
            <Typography.Text strong>
              {monthName(m.month)}{' '}
              {m.counted ? (
                <span style={{ color: '#389e0d' }}><CheckCircleFilled /> 计入</span>
              ) : (
                <span style={{ color: '#cf1322' }}><CloseCircleFilled /> 不计入</span>
              )}
            </Typography.Text>
            {m.reasons.map((code) => (
              <Typography.Paragraph key={code} type="secondary" style={{ fontSize: 12, margin: '2px 0 0' }}>
                {reasonText(code)}
              </Typography.Paragraph>
            ))}
          </div>
        </Col>
      ))}
    </Row>
  );
}
