// Where a filing went after certification: handed to the tax bureau, transferred, and the unit's rating.
import { Descriptions, Rate } from 'antd';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDateTime, yuan } from '../../lib/format.ts';
import { regionLabel } from './region-label.ts';

export function FilingFacts({ filing }: { filing: FilingDetail }) {
  const { taxHandover: tax, transfer, rating } = filing;
  if (!tax && !transfer && !rating) return null;
  const items = [
    ...(transfer
      ? [{
          key: 'transfer',
          label: transfer.direction === 'outbound' ? '转出' : '转入',
          children: `${transfer.direction === 'outbound' ? '转至' : '来自'} ${regionLabel(transfer.otherRegionCode)}，${chineseDateTime(transfer.at)}（编号 ${transfer.transferId}）`,
        }]
      : []),
    ...(tax
      ? [{
          key: 'tax',
          label: '报送税务',
          children: `第 ${tax.round} 次报送于 ${chineseDateTime(tax.pushedAt)}${tax.receiptId ? `，回执 ${tax.receiptId}` : ''}；${
            tax.answeredAt === null
              ? '税务部门尚未反馈核对结果'
              : `${chineseDateTime(tax.answeredAt)} 反馈：${tax.consistent ? '核对一致' : '核对不一致'}${tax.levyCollected !== null ? `，已征收保障金 ${yuan(tax.levyCollected)}` : ''}`
          }`,
        }]
      : []),
    ...(rating
      ? [{
          key: 'rating',
          label: '单位评价',
          children: (
            <>
              <Rate disabled value={rating.score} style={{ fontSize: 14 }} /> {rating.comment ?? ''}
            </>
          ),
        }]
      : []),
  ];
  return <Descriptions size="small" bordered column={1} data-testid="filing-facts" items={items} />;
}
