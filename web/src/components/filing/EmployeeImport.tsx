// The employee list from the template (docs/employee-import.md): download it, fill it in Excel, read it back. The
// rows without problems go into the table; every problem is listed by the row and column Excel shows, so the person
// corrects the sheet and imports again, or types those people into the table.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Radio, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { Employee } from '../../../../filings/declaration/filing.ts';
import { ApiError, upload } from '../../lib/api.ts';
import { saveFile } from './save-file.ts';

interface ImportError {
  row: number;
  column: string;
  path: string;
  code: string;
  message: string;
}

interface ImportAnswer {
  employees: Employee[];
  errors: ImportError[];
}

export interface EmployeeImportProps {
  year: number;
  /** Whether the table already holds people: then the person chooses to replace or append. */
  hasRows: boolean;
  onImported: (employees: Employee[], mode: 'replace' | 'append') => void;
}

export function EmployeeImport({ year, hasRows, onImported }: EmployeeImportProps) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<'replace' | 'append'>('replace');
  const [busy, setBusy] = useState(false);
  const [fileProblem, setFileProblem] = useState<string[] | null>(null);
  const [result, setResult] = useState<{ fileName: string; imported: number; errors: ImportError[] } | null>(null);

  const template = async (extension: 'xlsx' | 'csv') => {
    try {
      await saveFile(`/api/templates/employees.${extension}`, `残疾职工名单模板.${extension}`);
    } catch (error) {
      message.error(error instanceof ApiError ? error.title : '模板下载失败，请稍后再试');
    }
  };

  const read = async (file: File) => {
    setBusy(true);
    setFileProblem(null);
    setResult(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const answer = await upload<ImportAnswer>(`/api/employee-imports?year=${year}`, form);
      onImported(answer.employees, hasRows ? mode : 'replace');
      setResult({ fileName: file.name, imported: answer.employees.length, errors: answer.errors });
    } catch (error) {
      // The file itself could not be used: its problems are about the file the person chose.
      if (error instanceof ApiError) setFileProblem(error.errors.length > 0 ? error.errors.map((e) => e.message) : [error.title]);
      else setFileProblem(['无法上传文件，请检查网络后重试']);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const rowsWithErrors = result ? new Set(result.errors.map((e) => e.row)).size : 0;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="employee-import">
      <Typography.Text type="secondary">
        人数较多时，可下载模板在 Excel 中填写后导入。身份证号、证号请以文本格式填写；导入不会保存任何内容，导入后请在下表核对。
      </Typography.Text>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => template('xlsx')} data-testid="download-template-xlsx">下载 Excel 模板</Button>
        <Button icon={<DownloadOutlined />} onClick={() => template('csv')}>下载 CSV 模板</Button>
        <Button type="primary" ghost icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="import-employees">
          导入名单
        </Button>
        <input
          ref={input}
          type="file"
          style={{ display: 'none' }}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void read(file);
          }}
        />
        {hasRows && (
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'replace' | 'append')} optionType="button" size="small"
            options={[{ value: 'replace', label: '导入后替换现有名单' }, { value: 'append', label: '追加到名单末尾' }]} />
        )}
      </Space>
      {fileProblem && (
        <Alert type="error" showIcon title="文件无法导入" data-testid="import-file-error"
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{fileProblem.map((m) => <li key={m}>{m}</li>)}</ul>} />
      )}
      {result && result.errors.length === 0 && (
        <Alert type="success" showIcon title={`已从“${result.fileName}”导入 ${result.imported} 名残疾职工，请在下表核对`} data-testid="import-result" />
      )}
      {result && result.errors.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-result"
          title={`已导入 ${result.imported} 名残疾职工；有 ${rowsWithErrors} 行有问题，未导入`}
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>请在 Excel 中改正下列单元格后重新导入，或在下表中点击“添加一行”补填这些职工。</span>
              <Table<ImportError>
                data-testid="import-errors"
                size="small"
                rowKey={(e) => `${e.row}-${e.path}-${e.code}`}
                pagination={result.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                scroll={{ x: true }}
                dataSource={result.errors}
                columns={[
                  { title: 'Excel 行号', dataIndex: 'row', width: 90, render: (row: number) => `第 ${row} 行` },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </Space>
          }
        />
      )}
    </Space>
  );
}
