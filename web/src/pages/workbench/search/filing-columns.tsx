// The filing search's columns: the unit (a link to the filing), year, status, channel, receiving and handling
// region, the number of disabled employees, when it was filed, and 查看.
import { Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../../components/filing/StatusTag.tsx';
import type { FilingListItem } from '../../../lib/filing-types.ts';
import { chineseDateTime } from '../../../lib/format.ts';
import { channelName } from '../channel-names.ts';
import { regionShortName } from '../region-label.ts';

export function filingColumns(onOpen: (filing: FilingListItem) => void): ColumnsType<FilingListItem> {
  return [
    {
      title: '用人单位',
      key: 'employer',
      render: (_v, f) => (
        <div>
          <Link to={`/workbench/filings/${f.id}`} data-testid="filing-open">
            {f.employer.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.employer.uscc}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '年度', dataIndex: 'year', width: 72 },
    { title: '状态', key: 'status', width: 120, render: (_v, f) => <StatusTag status={f.status} channel={f.channel} /> },
    { title: '渠道', key: 'channel', width: 120, render: (_v, f) => channelName(f.channel) },
    { title: '收件地', key: 'receiving', width: 150, render: (_v, f) => regionShortName(f.receivingRegionCode) },
    { title: '办理地', key: 'handling', width: 150, render: (_v, f) => regionShortName(f.employer.regionCode) },
    { title: '残疾职工', key: 'count', width: 90, align: 'right', render: (_v, f) => `${f.employeeCount} 人` },
    { title: '提交时间', key: 'created', width: 170, render: (_v, f) => chineseDateTime(f.createdAt) },
    {
      title: '操作',
      key: 'open',
      width: 80,
      fixed: 'right',
      render: (_v, f) => (
        <Button size="small" onClick={() => onOpen(f)}>
          查看
        </Button>
      ),
    },
  ];
}
