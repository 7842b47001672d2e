// The automatic review's result (GET /api/filings/{id} `review`) as the employer reads it: the summary sentence, the
// certified and required numbers and the levy estimate, findings about the unit, and every employee — weight,
// counted months, contribution, the reasons in plain Chinese, a reviewer's decision — opening to the twelve months.
// On a phone each employee is a card (ResponsiveTable), so no column is hidden off screen.
import { Alert, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { EmployeeReview, Review } from '../../lib/filing-types.ts';
import { chineseDateTime, persons, yuan } from '../../lib/format.ts';
import { levyCaveat } from '../../../../review/reason-messages.ts';
import { ResponsiveTable, useNarrowScreen } from '../ResponsiveTable.tsx';
import { MonthGrid } from './MonthGrid.tsx';

export interface ReviewSelection {
  /** 0-based positions in the declaration. */
  selected: number[];
  onChange: (selected: number[]) => void;
}

function outcome(e: EmployeeReview) {
  if (e.weight === 0 || e.countedMonths === 0) return <Tag color="red">不计入</Tag>;
  if (e.countedMonths === 12) return <Tag color="green">全年计入</Tag>;
  return <Tag color="orange">部分月份计入</Tag>;
}

function Reasons({ e }: { e: EmployeeReview }) {
  return (
    <Space orientation="vertical" size={2}>
      {e.manualReview && (
        // The sentence begins 经人工审核: a tag saying 人工审核 before it would say it twice.
        <Typography.Text strong style={{ color: '#531dab' }} data-testid="manual-review-message">
          {e.manualReview.message}
        </Typography.Text>
      )}
      {e.explanation.length === 0 && !e.manualReview && <Typography.Text type="success">各月均符合计入条件</Typography.Text>}
      {e.explanation.map((x) => (
        <Typography.Text key={x.code}>{x.message}</Typography.Text>
      ))}
      {e.manualReview && e.automaticExplanation && e.automaticExplanation.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          系统自动审核时：{e.automaticExplanation.map((x) => x.message).join('；')}
        </Typography.Text>
      )}
    </Space>
  );
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

function Figures({ review }: { review: Review }) {
  const levy = review.levyEstimate;
  return (
    <Row gutter={[16, 16]} data-testid="review-figures">
      <Col xs={12} md={6}><Statistic title="认定安排残疾人就业" value={persons(review.certifiedCount)} /></Col>
      {/* The staff number the quota was taken of, dispatched workers moved with their agreement (docs/review.md §Dispatch). */}
      <Col xs={12} md={6}><Statistic title={review.quotaStaffCount === undefined ? `应安排（${percent(levy.quotaRatio)}）` : `应安排（在职职工 ${review.quotaStaffCount} 人 × ${percent(levy.quotaRatio)}）`} value={persons(review.requiredCount)} /></Col>
      <Col xs={12} md={6}><Statistic title="差额" value={persons(review.shortfall)} /></Col>
      <Col xs={12} md={6}>
        <Statistic title="预计应缴残疾人就业保障金" value={levy.exempt ? (levy.exemptLabel ?? '暂免征收') : yuan(levy.payable)} styles={{ content: { color: levy.payable > 0 ? '#cf1322' : '#389e0d' } }} />
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          实际安排比例 {percent(levy.actualRatio)}；计征工资基数 {yuan(levy.wageBase)}（上年平均工资，最高不超过当地社会平均工资的 2 倍即 {yuan(levy.wageBaseCap)}）；
          {levy.reductionRate > 0 ? `减征 ${Math.round(levy.reductionRate * 100)}%；` : ''}
          <span data-testid="levy-caveat" data-provisional={levy.provisional}>{levyCaveat(levy.provisional)}</span>。
        </Typography.Text>
      </Col>
    </Row>
  );
}

export function ReviewResult({ review, selection }: { review: Review; selection?: ReviewSelection }) {
  const narrow = useNarrowScreen();
  const columns: ColumnsType<EmployeeReview> = [
    { title: '序号', key: 'n', width: 56, render: (_v, e) => e.index + 1 },
    { title: '姓名', dataIndex: 'name', width: 90, render: (v: string | null) => v ?? '—' },
    { title: '身份证号', dataIndex: 'idNumber', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '认定结果', key: 'outcome', width: 120, render: (_v, e) => outcome(e) },
    { title: '计入权重', dataIndex: 'weight', width: 80, align: 'center' },
    { title: '计入月数', dataIndex: 'countedMonths', width: 90, align: 'center', render: (v: number) => `${v} / 12` },
    { title: '折算人数', dataIndex: 'contribution', width: 90, align: 'right', render: (v: number) => v.toFixed(2) },
    { title: '原因说明', key: 'reasons', width: 320, render: (_v, e) => <Reasons e={e} /> },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="review-result">
      <Alert type="info" showIcon title={review.summary} data-testid="review-summary" />
      <Figures review={review} />
      {review.employerFindings.length > 0 && (
        <Alert type="warning" showIcon title="单位登记信息核验发现的问题" data-testid="employer-findings"
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{review.employerFindings.map((f) => <li key={f.code}>{f.message}</li>)}</ul>} />
      )}
      <ResponsiveTable<EmployeeReview>
        data-testid="review-table"
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={review.employees}
        pagination={review.employees.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 1100 }}
        onRow={(e) => ({ 'data-testid': `review-row-${e.index}` }) as HTMLAttributes<HTMLElement>}
        cardTitle={(e) => `${e.index + 1}. ${e.name ?? '—'}`}
        cardOmit={['n', 'name']}
        cardExpandLabel="逐月认定情况"        expandable={{ expandedRowRender: (e) => <MonthGrid months={e.months} />, columnTitle: '逐月', columnWidth: 48 }}
        {...(selection
          ? {
              rowSelection: {
                selectedRowKeys: selection.selected,
                onChange: (keys) => selection.onChange(keys.map(Number).sort((a, b) => a - b)),
                columnTitle: '异议',
                columnWidth: 56,
              },
            }
          : {})}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        审核时间：{chineseDateTime(review.reviewedAt)}；{narrow ? '点击每名职工的“逐月认定情况”可查看各月是否计入。' : '点击每行左侧的“+”可查看逐月认定情况。'}
      </Typography.Text>
    </Space>
  );
}
