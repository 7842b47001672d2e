// 运行中的申报: how many filings stand at each step (and how many of them are stuck), then the filings themselves,
// the longest without progress first, each openable. A step's tag filters the list.
import { Alert, Card, Empty, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RunningFilingsAnswer, RunningStatus } from '../../../../api/operations.ts';
import { api } from '../../lib/api.ts';
import { chineseDate } from '../../lib/format.ts';
import { STATUS_NAMES } from '../../lib/filing-types.ts';
import { loadErrorText } from '../../lib/use-loaded.ts';
import { regionShortName } from '../workbench/region-label.ts';
import { useRefreshed } from './use-refreshed.ts';

type Item = RunningFilingsAnswer['items'][number];
const PAGE_SIZE = 20;

/** A filing as the reader may know it: its unit, opened on a click, for those who read filings; its number otherwise. */
function FilingName({ i }: { i: Item }) {
  return i.unitName ? <Link to={`/workbench/filings/${i.id}`}>{i.unitName}</Link> : <Typography.Text copyable={{ text: i.id }}>申报 {i.id.slice(0, 8)}</Typography.Text>;
}

function stillText(i: Item): string {
  return i.workingDaysStill === null ? '—' : `${i.workingDaysStill} 个工作日`;
}

export function RunningFilingsTab() {
  const [status, setStatus] = useState<RunningStatus | undefined>();
  const [page, setPage] = useState(1);
  const wide = Grid.useBreakpoint().md ?? true;
  const running = useRefreshed(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(status ? { status } : {}) });
    return api<RunningFilingsAnswer>('GET', `/api/operations/running-filings?${q}`);
  }, [status, page]);
  const d = running.data;
  const choose = (s: RunningStatus | undefined) => {
    setStatus(s);
    setPage(1);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="running-filings">
      {running.error && <Alert type="error" showIcon title={loadErrorText(running.error)} />}
      {d && (
        <Typography.Paragraph style={{ margin: 0 }}>
          办理中的申报共 <b>{d.total}</b> 份，其中 <Typography.Text type={d.stuck > 0 ? 'danger' : undefined} strong data-testid="stuck-count">{d.stuck}</Typography.Text> 份已连续{' '}
          {d.stuckAfterWorkingDays} 个工作日没有进展（停滞），排在最前。
        </Typography.Paragraph>
      )}
      {d && (
        <Space wrap size={[8, 8]} data-testid="steps">
          <Tag.CheckableTag checked={!status} onChange={() => choose(undefined)}>全部环节 {d.total}</Tag.CheckableTag>
          {d.byStep
            .filter((s) => s.count > 0)
            .map((s) => (
              <Tag.CheckableTag key={s.status} checked={status === s.status} onChange={() => choose(s.status)}>
                {STATUS_NAMES[s.status]} {s.count}
                {s.stuck > 0 && <Typography.Text type="danger">（停滞 {s.stuck}）</Typography.Text>}
              </Tag.CheckableTag>
            ))}
        </Space>
      )}
      {d && d.items.length === 0 && <Empty description="没有办理中的申报" />}
      {d && d.items.length > 0 && wide && (
        <Table<Item>
          size="small"
          rowKey="id"
          dataSource={d.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: d.itemsTotal, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '申报', key: 'unit', render: (_v, i) => <FilingName i={i} /> },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '县区', key: 'county', width: 110, render: (_v, i) => regionShortName(i.handlingRegionCode) },
            { title: '环节', key: 'status', width: 120, render: (_v, i) => STATUS_NAMES[i.status] },
            { title: '待办任务', key: 'task', width: 160, render: (_v, i) => i.currentTask ?? <Typography.Text type="secondary">系统处理中</Typography.Text> },
            { title: '最近进展', key: 'since', width: 120, render: (_v, i) => chineseDate(i.since) },
            {
              title: '停留',
              key: 'still',
              width: 130,
              render: (_v, i) => (i.stuck ? <Tag color="red" data-testid="stuck-tag">停滞 {stillText(i)}</Tag> : stillText(i)),
            },
          ]}
        />
      )}
      {d && d.items.length > 0 && !wide && (
        <List
          dataSource={d.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: d.itemsTotal, onChange: setPage, size: 'small', simple: true }}
          renderItem={(i) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="running-card">
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <FilingName i={i} />
                <Typography.Text type="secondary">
                  {i.year} 年度 · {regionShortName(i.handlingRegionCode)} · {STATUS_NAMES[i.status]}
                  {i.currentTask ? ` · ${i.currentTask}` : ''}
                </Typography.Text>
                <span>
                  最近进展 {chineseDate(i.since)}，{i.stuck ? <Tag color="red">停滞 {stillText(i)}</Tag> : `已 ${stillText(i)}`}
                </span>
              </Space>
            </Card>
          )}
        />
      )}
    </Space>
  );
}
