// 节假日安排: the working-day calendar's years (from the package or published here) and, for policy staff and the
// province, publishing a year from the State Council's notice: pasted, read into days, checked by the person, then
// published. Publishing moves the deadlines counted provisionally across the year (docs/working-days.md).
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { readHolidayNotice, type NoticeDay } from '../../lib/holiday-notice.ts';
import { useSession } from '../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';

interface CalendarYears {
  knownThrough: number;
  years: { year: number; from: string[]; published: { publishedAt: string; publishedBy: string; source: string; holidays: number; workdays: number } | null }[];
}

interface Published {
  year: number;
  knownThrough: number;
  provisionalDeadlines?: { counted: number; moved: number; failed: string[] };
}

const PUBLISHERS = new Set(['policy', 'province']);

export function CalendarPage() {
  const { who } = useSession();
  const { message } = App.useApp();
  const years = useLoaded(() => api<CalendarYears>('GET', '/api/calendar/years'), []);
  const [year, setYear] = useState<number | null>(null);
  const [source, setSource] = useState('');
  const [notice, setNotice] = useState('');
  const [read, setRead] = useState<{ days: NoticeDay[]; unread: string[] } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = year ?? (years.data ? years.data.knownThrough + 1 : null);
  const mayPublish = PUBLISHERS.has(who?.role ?? '');

  const publish = async () => {
    if (!read || target === null) return;
    setBusy(true);
    setRefusal(null);
    try {
      const done = await api<Published>('PUT', `/api/calendar/years/${target}`, { source: source.trim(), days: read.days });
      const moved = done.provisionalDeadlines;
      const text = `已发布 ${target} 年的节假日安排${moved ? `；暂定期限重新计算 ${moved.counted} 项，其中调整 ${moved.moved} 项` : ''}`;
      setResult(text);
      message.success(text);
      years.reload();
    } catch (error) {
      setRefusal(error instanceof ApiError ? [error.title, ...error.errors.map((e) => e.message)].join('；') : '发布失败，请检查网络后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calendar-page">
      <Typography.Title level={3} style={{ margin: 0 }}>节假日安排</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        按工作日计算的期限依据这里的年度节假日安排。尚未发布的年度，期限按周末和元旦、劳动节、国庆节暂定；发布后，已暂定的期限自动重新计算。
      </Typography.Paragraph>
      {years.error && <Alert type="error" showIcon title={loadErrorText(years.error)} />}
      <Card size="small" title="已有年度">
        <Table
          size="small"
          rowKey="year"
          loading={years.loading}
          pagination={false}
          scroll={{ x: true }}
          // The next year first: until it is published, deadlines reaching into it are provisional.
          dataSource={years.data ? [{ year: years.data.knownThrough + 1, from: [], published: null }, ...[...years.data.years].reverse().slice(0, 6)] : []}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '来源',
              key: 'from',
              render: (_v, y) =>
                y.from.length === 0 ? <Tag color="orange">尚未发布，期限暂定</Tag> : y.from.map((f) => <Tag key={f}>{f === 'package' ? '节假日数据包' : '已发布'}</Tag>),
            },
            { title: '发布', key: 'published', render: (_v, y) => (y.published ? `${y.published.source} · ${chineseDateTime(y.published.publishedAt)}` : '—') },
          ]}
        />
      </Card>
      {mayPublish && (
        <Card size="small" title="发布年度节假日安排" data-testid="publish-year">
          <Form layout="vertical">
            <Space wrap>
              <Form.Item label="年度" required>
                <InputNumber min={2015} max={2100} value={target} onChange={(v) => setYear(v)} data-testid="publish-year-number" />
              </Form.Item>
              <Form.Item label="通知文号" required style={{ minWidth: 260 }}>
                <Input value={source} onChange={(e) => setSource(e.target.value)} placeholder="如 国办发明电〔2026〕×号" data-testid="publish-source" />
              </Form.Item>
            </Space>
            <Form.Item label="通知正文" extra="把国务院办公厅关于部分节假日安排的通知全文粘贴在这里，再点“识别通知”，核对识别出的日期后发布。">
              <Input.TextArea value={notice} onChange={(e) => setNotice(e.target.value)} autoSize={{ minRows: 5, maxRows: 14 }} data-testid="publish-notice" />
            </Form.Item>
            <Button onClick={() => target !== null && setRead(readHolidayNotice(notice, target))} disabled={!notice.trim() || target === null} data-testid="read-notice">
              识别通知
            </Button>
          </Form>
          {read && (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
              {read.unread.length > 0 && <Alert type="warning" showIcon title={`未能识别的节日：${read.unread.join('、')}，请核对通知原文`} />}
              <Table
                size="small"
                rowKey="day"
                data-testid="notice-days"
                pagination={false}
                scroll={{ y: 320 }}
                dataSource={read.days}
                columns={[
                  { title: '日期', dataIndex: 'day', width: 120 },
                  { title: '安排', dataIndex: 'kind', width: 90, render: (k: NoticeDay['kind']) => (k === 'holiday' ? <Tag color="green">放假</Tag> : <Tag color="orange">上班</Tag>) },
                  { title: '节日', dataIndex: 'name' },
                ]}
              />
              <Typography.Text>
                共 {read.days.filter((d) => d.kind === 'holiday').length} 天放假、{read.days.filter((d) => d.kind === 'workday').length} 天调休上班
              </Typography.Text>
              {refusal && <Alert type="error" showIcon title={refusal} data-testid="publish-refusal" />}
              {result && <Alert type="success" showIcon title={result} data-testid="publish-result" />}
              <Button type="primary" onClick={publish} loading={busy} disabled={read.days.length === 0 || !source.trim()} data-testid="publish">
                发布 {target} 年
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
