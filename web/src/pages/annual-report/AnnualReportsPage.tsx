// 年度总结报告 (通知 §六): the province sees every city's report for a year — its state, the deadline (overdue flagged),
// the latest version and the last reading's comment, the Word and PDF files, and its own reading task; a city
// federation sees its own report and the way to its writing task in the workbench inbox.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { AnnualReportItem, AnnualReportList } from '../../../../api/annual-report.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { saveFile } from '../../components/filing/save-file.ts';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { deadlineText, reviewYears, STATE_LABELS, submittedText } from './report-states.ts';

function Downloads({ item, year }: { item: AnnualReportItem; year: number }) {
  const { message } = App.useApp();
  if (!item.docxHref || !item.pdfHref) return <Typography.Text type="secondary">—</Typography.Text>;
  const name = `${item.cityName}${year}年度年审工作总结报告（第${item.version}稿）`;
  const save = (href: string, ext: string) => () =>
    saveFile(href, `${name}.${ext}`).catch((error: unknown) => message.error(error instanceof ApiError ? error.title : '下载失败，请稍后再试'));
  return (
    <Space size="small" wrap>
      <Button size="small" icon={<DownloadOutlined />} onClick={save(item.docxHref, 'docx')} data-testid={`docx-${item.cityCode}`}>Word</Button>
      <Button size="small" icon={<DownloadOutlined />} onClick={save(item.pdfHref, 'pdf')} data-testid={`pdf-${item.cityCode}`}>PDF</Button>
    </Space>
  );
}

export function AnnualReportsPage() {
  const { who } = useSession();
  const years = reviewYears(new Date());
  const [year, setYear] = useState(years[0]!);
  const reports = useLoaded(() => api<AnnualReportList>('GET', `/api/annual-reports?year=${year}`), [year]);
  const isProvince = who?.role === 'province';
  const items = reports.data?.items ?? [];
  const counts = Object.entries(STATE_LABELS).map(([state, label]) => ({ label: label.text, n: items.filter((i) => i.state === state).length }));
  const overdue = items.filter((i) => i.overdue).length;

  const columns: ColumnsType<AnnualReportItem> = [
    { title: '市', dataIndex: 'cityName', key: 'cityName', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, item) => (
        <Space size={4} wrap>
          <Tag color={STATE_LABELS[item.state].color}>{STATE_LABELS[item.state].text}</Tag>
          {item.overdue && <Tag color="error">已逾期</Tag>}
        </Space>
      ),
    },
    { title: '报送期限', key: 'dueAt', width: 140, render: (_, item) => deadlineText(item) },
    { title: '最近报送', key: 'submitted', width: 200, render: (_, item) => submittedText(item) },
    {
      title: '审阅意见',
      key: 'review',
      render: (_, item) =>
        item.lastReview ? (item.lastReview.decision === 'accept' ? '已接收' : <Typography.Text>退回：{item.lastReview.comment}</Typography.Text>) : '—',
    },
    { title: '报告文件', key: 'files', width: 170, render: (_, item) => <Downloads item={item} year={year} /> },
    {
      title: '办理',
      key: 'task',
      width: 110,
      render: (_, item) =>
        item.taskId ? (
          <Link to={`/workbench/tasks/${item.taskId}`} data-testid={`task-${item.cityCode}`}>
            {isProvince ? '审阅' : '编写报告'}
          </Link>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="annual-reports-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>年度总结报告</Typography.Title>
        <Space>
          <span>年审年度</span>
          <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} style={{ width: 120 }} data-testid="report-year" />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {isProvince
          ? '各市残联每年在报送期限前向省残联报送年度工作总结报告（基本情况、行业分析、市场岗位需求、工作建议）。基本情况由系统按统管数据生成并固定；报告报送后可下载 Word 或 PDF 文件阅读，在“审阅”中接收或退回修改。'
          : '本市的年度工作总结报告：基本情况由系统按统管数据生成并固定，行业分析、市场岗位需求和工作建议已预先起草，请在任务中修改完善后报送省残联。'}
      </Typography.Paragraph>
      {reports.error && <Alert type="error" showIcon title={loadErrorText(reports.error)} />}
      {isProvince && items.length > 0 && (
        <Space wrap size="small" data-testid="report-counts">
          {counts.map((c) => (
            <Tag key={c.label}>{c.label} {c.n}</Tag>
          ))}
          {overdue > 0 && <Tag color="error">已逾期 {overdue}</Tag>}
        </Space>
      )}
      <ResponsiveTable
        rowKey="cityCode"
        columns={columns}
        dataSource={items}
        loading={reports.loading}
        pagination={false}
        cardTitle={(item) => item.cityName}
        cardOmit={['cityName']}
        size="middle"
        data-testid="annual-reports-table"
      />
    </Space>
  );
}
