// 导出 Excel: the table's rows as the server writes them (GET /api/supervision/export), saved under a Chinese name.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ApiError, download } from '../../lib/api.ts';
import { exportPath, type ExportTable, type FigureQuery } from './supervision-query.ts';

export function ExportButton({ table, query, fileName }: { table: ExportTable; query: FigureQuery; fileName: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    try {
      const { url } = await download(exportPath(table, query));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${fileName}.xlsx`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled.
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      message.error(e instanceof ApiError ? e.title : '导出失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void save()} className="sv-no-print" data-testid={`export-${table}`}>
      导出 Excel
    </Button>
  );
}
