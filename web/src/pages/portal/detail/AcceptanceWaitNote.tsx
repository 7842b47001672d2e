// The employer's banner while its window filing waits for acceptance: the paper was incomplete, so the unit brings
// what is missing to its county's window, and the county accepts or returns the filing by the date the process set.
import { Typography } from 'antd';
import { regionName } from '../../../../../domain/regions.ts';
import { MissingMaterials, missingItems } from '../../../components/filing/MissingMaterials.tsx';
import type { FilingDetail } from '../../../lib/filing-types.ts';

export function AcceptanceWaitNote({ filing }: { filing: FilingDetail & { acceptance: NonNullable<FilingDetail['acceptance']> } }) {
  const county = regionName(filing.handlingRegionCode) ?? filing.handlingRegionCode;
  return (
    <div data-testid="acceptance-wait">
      <Typography.Paragraph style={{ margin: 0 }}>
        {missingItems(filing.acceptance.missingMaterials).length > 0
          ? `窗口收件时申报材料不齐全，请将下列材料补交到${county}残联窗口：`
          : `${county}残联窗口正在核对申报材料。`}
      </Typography.Paragraph>
      <MissingMaterials acceptance={filing.acceptance} dueLabel="残联受理期限" />
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        残联将在受理期限前受理或退回本申报；受理后系统自动审核，无需重新申报。
      </Typography.Paragraph>
    </div>
  );
}
