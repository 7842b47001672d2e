// 历史数据导入 (通知 §六, docs/review-history.md): province and city staff download the 2020–2021 review workbook's
// template, upload it for a check that lists every problem by sheet, row and column, then confirm the import (the same
// file, uploaded again: it is checked again and written only without a problem), and follow its progress to the result.
import { CheckCircleOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Space, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { HistoryImportView } from '../../../../api/review-history.ts';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { saveFile } from '../../components/filing/save-file.ts';
import { api, ApiError, upload } from '../../lib/api.ts';

type HistoryError = HistoryImportView['errors'][number] & { key: string };

const ENDED = new Set(['done', 'refused', 'failed']);
const STATE_TEXT: Record<HistoryImportView['state'], string> = {
  reading: '正在读取文件…',
  checking: '正在检查…',
  writing: '正在写入…',
  done: '已完成',
  refused: '有问题，未写入任何数据',
  failed: '导入失败，未写入任何数据',
};
const POLL_MS = 700;

const columns: ColumnsType<HistoryError> = [
  { title: '工作表', dataIndex: 'sheet', key: 'sheet', width: 100, render: (sheet: string) => sheet || '整个文件' },
  { title: '行', dataIndex: 'row', key: 'row', width: 70, render: (row: number) => (row > 0 ? row : '—') },
  { title: '列', dataIndex: 'column', key: 'column', width: 170, render: (column: string) => column || '—' },
  { title: '问题', dataIndex: 'message', key: 'message' },
];

/** Follows an import until it ends. */
function useImport(id: string | undefined): HistoryImportView | undefined {
  const [record, setRecord] = useState<HistoryImportView>();
  useEffect(() => {
    if (!id) {
      setRecord(undefined);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await api<HistoryImportView>('GET', `/api/review-history/imports/${id}`);
        if (stopped) return;
        setRecord(next);
        if (ENDED.has(next.state)) return;
      } catch {
        // A missed poll: the next one asks again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return record;
}

function Outcome({ record }: { record: HistoryImportView }) {
  if (!ENDED.has(record.state)) {
    const percent = record.rowsTotal > 0 ? Math.floor((record.rowsDone / record.rowsTotal) * 100) : 0;
    return (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="history-progress">
        <Typography.Text>{STATE_TEXT[record.state]}{record.rowsTotal > 0 && `（${record.rowsDone} / ${record.rowsTotal} 行单位年度）`}</Typography.Text>
        <Progress percent={record.state === 'writing' ? percent : 0} status="active" />
      </Space>
    );
  }
  if (record.state === 'done' && record.dryRun) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="history-checked"
        title={`检查通过：${record.rowsTotal} 行单位年度、${record.employeesTotal} 名残疾职工，没有发现问题`}
        description="尚未写入任何数据。确认无误后，点击“确认导入”。"
      />
    );
  }
  if (record.state === 'done') {
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        data-testid="history-done"
        title={`导入完成：${record.rowsTotal} 行单位年度、${record.employeesTotal} 名残疾职工已写入`}
        description={record.replaced > 0 ? `其中 ${record.replaced} 个单位年度替换了此前导入的数据（不会重复）。` : '全部为新导入的单位年度。'}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="history-refused"
      title={`${STATE_TEXT[record.state]}：共 ${record.errorCount} 个问题${record.errorCount > record.errors.length ? `（下表列出前 ${record.errors.length} 个）` : ''}`}
      description="请按下表逐条改正文件后重新检查。"
    />
  );
}

export function HistoryImportPage() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [importId, setImportId] = useState<string>();
  const [sending, setSending] = useState(false);
  const record = useImport(importId);
  const running = sending || (record !== undefined && !ENDED.has(record.state));
  const checkedClean = record?.state === 'done' && record.dryRun;

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setSending(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const started = await upload<HistoryImportView>(`/api/review-history/imports?dryRun=${dryRun}`, form);
      setImportId(started.id);
    } catch (error) {
      const text = error instanceof ApiError ? [error.title, ...error.errors.map((e) => e.message)].join('：') : '上传失败，请稍后再试';
      message.error(text);
    } finally {
      setSending(false);
    }
  };

  const errors: HistoryError[] = (record?.errors ?? []).map((e, i) => ({ ...e, key: String(i) }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="history-import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>历史年审数据导入</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        导入系统上线前（2021 年度及以前，如 2020、2021 年度）各单位的按比例就业年审数据和残疾职工名单。导入的年度计入监管统计的历年对比、“上年已申报单位”和退出分析。
      </Typography.Paragraph>
      <Card size="small" title="1. 下载模板并填写">
        <Button
          icon={<DownloadOutlined />}
          data-testid="history-template"
          onClick={() => saveFile('/api/templates/review-history.xlsx', '历史年审数据导入模板.xlsx').catch(() => message.error('下载失败，请稍后再试'))}
        >
          下载导入模板（Excel）
        </Button>
      </Card>
      <Card size="small" title="2. 上传并检查（不写入数据）">
        <Space wrap>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setImportId(undefined);
              return false;
            }}
            onRemove={() => {
              setFile(undefined);
              setImportId(undefined);
            }}
            fileList={file ? [{ uid: 'history', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="history-choose">选择文件</Button>
          </Upload>
          <Button type="primary" disabled={!file || running} loading={sending && !checkedClean} onClick={() => void send(true)} data-testid="history-check">
            检查
          </Button>
          <Button type="primary" disabled={!checkedClean || running} onClick={() => void send(false)} data-testid="history-confirm">
            确认导入
          </Button>
        </Space>
      </Card>
      {record && (
        <Card size="small" title={record.dryRun ? '检查结果' : '导入结果'}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Outcome record={record} />
            {errors.length > 0 && (
              <ResponsiveTable<HistoryError>
                data-testid="history-errors"
                rowKey="key"
                columns={columns}
                dataSource={errors}
                size="small"
                pagination={{ pageSize: 50, showSizeChanger: false }}
                cardTitle={(e) => (e.row > 0 ? `${e.sheet} 第 ${e.row} 行` : '整个文件')}
                cardOmit={['sheet', 'row']}
              />
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
