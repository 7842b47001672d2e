// 超比例奖励 (通知 §六): the units the reward rules judged in the caller's region for a year — a county its own, a city
// its counties, the province every city — with the evidence (certified and required counts, the surplus, the ratio,
// the consecutive years above the quota), whether each is eligible and why, the amount, the county's confirmation or
// exclusion and the city's approval; each city's round with its state, and the payment workbook once approved. The
// confirmation and approval themselves are tasks in the workbench inbox.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RewardList, RewardListItem, RewardRoundItem } from '../../../../../api/rewards.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { saveFile } from '../../../components/filing/save-file.ts';
import { api, ApiError } from '../../../lib/api.ts';
import { useSession } from '../../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { APPROVAL_LABELS, countyDecisionText, percent, rewardYears, ROUND_STATE_LABELS, yuan } from './reward-labels.ts';

function ExportButton({ round, year }: { round: RewardRoundItem; year: number }) {
  const { message } = App.useApp();
  if (!round.exportHref) return <Typography.Text type="secondary">—</Typography.Text>;
  const save = () =>
    saveFile(round.exportHref!, `${round.cityName}${year}年度超比例安排残疾人就业奖励发放表.xlsx`).catch((error: unknown) =>
      message.error(error instanceof ApiError ? error.title : '导出失败，请稍后再试'),
    );
  return (
    <Button size="small" icon={<DownloadOutlined />} onClick={save} data-testid={`export-${round.cityCode}`}>
      导出发放表
    </Button>
  );
}

const roundColumns = (year: number): ColumnsType<RewardRoundItem> => [
  { title: '市', dataIndex: 'cityName', key: 'cityName', width: 110 },
  { title: '状态', key: 'state', width: 130, render: (_, r) => <Tag color={ROUND_STATE_LABELS[r.state].color}>{ROUND_STATE_LABELS[r.state].text}</Tag> },
  { title: '候选单位', dataIndex: 'candidates', key: 'candidates', width: 100 },
  { title: '批准发放', key: 'approved', width: 180, render: (_, r) => (r.approved > 0 ? `${r.approved} 家，${yuan(r.approvedAmount)}` : '—') },
  { title: '审批意见', key: 'comment', render: (_, r) => r.decisionComment || '—' },
  { title: '发放表', key: 'export', width: 140, render: (_, r) => <ExportButton round={r} year={year} /> },
];

const unitColumns: ColumnsType<RewardListItem> = [
  { title: '县（市、区）', dataIndex: 'countyName', key: 'countyName', width: 110 },
  {
    title: '单位',
    key: 'unit',
    width: 240,
    render: (_, u) => (
      <Space orientation="vertical" size={0}>
        <span>{u.unitName}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.uscc}</Typography.Text>
      </Space>
    ),
  },
  { title: '认定 / 应安排 / 超出（人）', key: 'counts', width: 170, render: (_, u) => `${u.certifiedCount} / ${u.requiredCount} / ${u.surplus}` },
  { title: '实际比例', key: 'ratio', width: 90, render: (_, u) => percent(u.actualRatio) },
  { title: '连续超比例', key: 'years', width: 100, render: (_, u) => `${u.yearsAboveQuota} 年` },
  {
    title: '判断结果',
    key: 'reason',
    width: 190,
    render: (_, u) => <Tag color={u.eligible ? 'success' : 'default'} data-testid={`reason-${u.uscc}`}>{u.reason}</Tag>,
  },
  { title: '奖励金额', key: 'amount', width: 140, render: (_, u) => (u.eligible ? `${yuan(u.amount)}（每人 ${yuan(u.amountPerPerson)}）` : '—') },
  { title: '县级确认', key: 'county', width: 180, render: (_, u) => countyDecisionText(u) },
  {
    title: '市级审批',
    key: 'approval',
    width: 100,
    render: (_, u) => (u.eligible && u.countyDecision === 'confirmed' ? <Tag color={APPROVAL_LABELS[u.approval].color}>{APPROVAL_LABELS[u.approval].text}</Tag> : '—'),
  },
];

export function RewardsPage() {
  const { who } = useSession();
  const years = rewardYears(new Date());
  const [year, setYear] = useState(years[0]!);
  const [shown, setShown] = useState<'eligible' | 'all'>('eligible');
  const list = useLoaded(() => api<RewardList>('GET', `/api/rewards?year=${year}${shown === 'eligible' ? '&eligible=true' : ''}`), [year, shown]);
  const rounds = list.data?.rounds ?? [];
  const items = list.data?.items ?? [];
  const county = who?.role === 'clerk' || who?.role === 'reviewer' || who?.role === 'lead';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rewards-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>超比例奖励</Typography.Title>
        <Space>
          <span>奖励年度</span>
          <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} style={{ width: 120 }} data-testid="reward-year" />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        按通知第六条，系统每年在认证期结束后按奖励规则（决策表“超比例安排残疾人就业奖励”，其中的条件和金额由政策人员设定）逐一判断经年审认证的单位；
        {county ? '本县的候选单位由县残联负责人在待办任务中核实确认，不应奖励的写明理由排除。' : '各县残联确认候选单位后，由市残联在待办任务中审批，批准的奖励可导出发放表。'}
        办理请到 <Link to="/workbench">待办任务</Link>。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={loadErrorText(list.error)} />}
      <Card size="small" title={`${list.data?.regionName ?? ''} ${year} 年度奖励流程`} data-testid="reward-rounds">
        <ResponsiveTable
          rowKey="cityCode"
          columns={roundColumns(year)}
          dataSource={rounds}
          loading={list.loading}
          pagination={false}
          cardTitle={(r) => r.cityName}
          cardOmit={['cityName']}
          size="small"
        />
      </Card>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>经判断的单位（{items.length} 家）</Typography.Title>
        <Segmented
          value={shown}
          onChange={(v) => setShown(v as 'eligible' | 'all')}
          options={[{ value: 'eligible', label: '符合条件' }, { value: 'all', label: '全部（含不符合及原因）' }]}
          data-testid="reward-filter"
        />
      </Space>
      <ResponsiveTable
        rowKey="uscc"
        columns={unitColumns}
        dataSource={items}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        cardTitle={(u) => u.unitName}
        cardOmit={['unit']}
        size="middle"
        data-testid="rewards-table"
      />
    </Space>
  );
}
