// 单位详情: one unit of the register as far as the caseworker's region reaches (another region's unit answers 404):
// what the registrar records, where the unit's latest filing says otherwise, its status history (状态变更记录) and
// its years (历年申报与认证结果) — filed here or imported from before the system — with the levy the tax bureau
// collected beside the estimate.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { UnitDetail } from '../../../../../api/units.ts';
import { StatusTag } from '../../../components/filing/StatusTag.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { api, ApiError } from '../../../lib/api.ts';
import type { FilingStatus } from '../../../lib/filing-types.ts';
import { chineseDate, persons, yuan } from '../../../lib/format.ts';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { regionLabel } from '../region-label.ts';
import { industryText, RegisterStatusTag, unitNatureName } from './unit-display.tsx';

type Change = UnitDetail['changes'][number];
type Year = UnitDetail['years'][number];

const changeColumns: ColumnsType<Change> = [
  { title: '生效日期', key: 'on', width: 140, render: (_v, c) => chineseDate(c.effectiveOn) },
  { title: '变更事项', dataIndex: 'changeTypeLabel', width: 160 },
  { title: '变更后状态', key: 'after', width: 170, render: (_v, c) => <RegisterStatusTag status={c.statusAfter} /> },
  {
    title: '变更内容',
    key: 'fields',
    width: 240,
    render: (_v, c) => (c.changedFields.length === 0 ? '—' : c.changedFields.map((f) => <div key={f.field}>{`${f.label}：${f.value}`}</div>)),
  },
  { title: '来源', dataIndex: 'sourceLabel', width: 260 },
];

/** The year's result: the certificate's counts for a year filed here, the workbook's for a year before the system. */
const yearColumns: ColumnsType<Year> = [
  { title: '年度', dataIndex: 'year', width: 80 },
  {
    title: '数据来源',
    key: 'source',
    width: 170,
    render: (_v, y) => (
      <Space orientation="vertical" size={2}>
        {y.filing && (
          <Link to={`/workbench/filings/${y.filing.filingId}`} data-testid="unit-year-filing">
            本系统申报
          </Link>
        )}
        {y.history && <Tag>历史数据导入</Tag>}
        {!y.filing && !y.history && <Typography.Text type="secondary">无申报记录</Typography.Text>}
      </Space>
    ),
  },
  { title: '申报状态', key: 'status', width: 130, render: (_v, y) => (y.filing ? <StatusTag status={y.filing.status as FilingStatus} channel={y.filing.channel} /> : y.history ? '系统启用前年审' : '—') },
  { title: '认证安排人数', key: 'certified', width: 120, align: 'right', render: (_v, y) => persons(y.filing?.certifiedCount ?? y.history?.certifiedCount) },
  { title: '应安排人数', key: 'required', width: 110, align: 'right', render: (_v, y) => persons(y.filing?.requiredCount ?? y.history?.requiredCount) },
  {
    title: '保障金测算 / 已缴',
    key: 'levy',
    width: 170,
    align: 'right',
    render: (_v, y) => (y.filing?.levyEstimate != null ? `测算 ${yuan(y.filing.levyEstimate)}` : y.history ? `已缴 ${yuan(y.history.levyPaid)}` : '—'),
  },
  {
    title: '税务征收',
    key: 'collected',
    width: 190,
    align: 'right',
    render: (_v, y) =>
      y.levyCollected ? (
        <span data-testid="unit-levy-collected">
          {yuan(y.levyCollected.amount)}
          {y.levyCollected.collectedOn && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {chineseDate(y.levyCollected.collectedOn)}征收
              </Typography.Text>
            </div>
          )}
        </span>
      ) : (
        '—'
      ),
  },
];

function UnitView({ unit }: { unit: UnitDetail }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="unit-detail">
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {unit.name}
        </Typography.Title>
        <RegisterStatusTag status={unit.status} />
      </Space>
      <Card size="small" title="登记信息">
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label="统一社会信用代码">{unit.uscc}</Descriptions.Item>
          <Descriptions.Item label="登记机关">{unit.registrarLabel}</Descriptions.Item>
          <Descriptions.Item label="登记状态">{`${unit.statusLabel}（${chineseDate(unit.statusSince)}起）`}</Descriptions.Item>
          <Descriptions.Item label="所属行政区">{regionLabel(unit.regionCode)}</Descriptions.Item>
          <Descriptions.Item label="单位性质">{unitNatureName(unit.unitNature)}</Descriptions.Item>
          <Descriptions.Item label="行业">{industryText(unit, '登记机关未提供')}</Descriptions.Item>
          <Descriptions.Item label="成立日期">{chineseDate(unit.registeredOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {unit.discrepancies.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="unit-discrepancies"
          title={`${unit.discrepancies[0]!.year} 年度申报填写的信息与名录不一致（以登记机关的名录为准，申报不改变名录）`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unit.discrepancies.map((d) => (
                <li key={d.field}>
                  {d.label}：名录为“{d.field === 'regionCode' ? regionLabel(d.register) : d.register}”，申报填写“{d.field === 'regionCode' ? regionLabel(d.declared) : d.declared}”
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title="状态变更记录">
        <ResponsiveTable<Change>
          data-testid="unit-changes"
          rowKey="id"
          size="small"
          columns={changeColumns}
          dataSource={unit.changes}
          scroll={{ x: 970 }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '登记机关尚未推送该单位的变更' }}
          cardTitle={(c) => `${chineseDate(c.effectiveOn)} ${c.changeTypeLabel}`}
          cardOmit={['on', 'changeTypeLabel']}
        />
      </Card>
      <Card size="small" title="历年申报与认证结果">
        {unit.years.length === 0 ? (
          <Empty description="该单位尚无申报或历史数据" />
        ) : (
          <ResponsiveTable<Year>
            data-testid="unit-years"
            rowKey="year"
            size="small"
            columns={yearColumns}
            dataSource={unit.years}
            scroll={{ x: 970 }}
            pagination={false}
            onRow={(y) => ({ 'data-year': y.year }) as HTMLAttributes<HTMLElement>}
            cardTitle={(y) => `${y.year} 年度`}
            cardOmit={['year']}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          认证安排人数、应安排人数和保障金测算取自本系统的认证结果；系统启用前的年度取自导入的历史数据（已缴保障金）；税务征收为税务部门反馈的实际征收金额。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}

export function UnitDetailPage() {
  const { uscc = '' } = useParams();
  const unit = useLoaded(() => api<UnitDetail>('GET', `/api/units/${encodeURIComponent(uscc)}`), [uscc]);
  const notFound = unit.error instanceof ApiError && (unit.error.status === 404 || unit.error.status === 400);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/workbench/units">
        <ArrowLeftOutlined /> 返回单位名录
      </Link>
      {unit.loading && !unit.data && <Spin />}
      {notFound && <Result status="404" title="未找到该单位" subTitle={unit.error instanceof ApiError ? (unit.error.errors[0]?.message ?? unit.error.title) : undefined} />}
      {unit.error && !notFound && <Alert type="error" showIcon title={loadErrorText(unit.error)} action={<Button onClick={unit.reload}>重试</Button>} />}
      {unit.data && !unit.error && <UnitView unit={unit.data} />}
    </Space>
  );
}
