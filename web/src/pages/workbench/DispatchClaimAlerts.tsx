// A dispatched worker (劳务派遣) whom this filing and another of the same year both counted (docs/review.md §Dispatch):
// the filing reviewed later was refused those months. Shown to the staff of both counties above the filing's result.
import { Alert, Space } from 'antd';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { monthName } from '../../lib/format.ts';
import { regionLabel } from './region-label.ts';

type DispatchClaim = NonNullable<FilingDetail['dispatchClaims']>[number];

const monthsText = (months: string[]) => (months.length === 12 ? '全年各月' : months.map(monthName).join('、'));

export function DispatchClaimAlerts({ claims }: { claims: DispatchClaim[] }) {
  if (claims.length === 0) return null;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="dispatch-claims">
      {claims.map((c) => (
        <Alert
          key={`${c.side}-${c.index}-${c.other.filingId}`}
          type="warning"
          showIcon
          title={
            c.side === 'refused'
              ? `劳务派遣人员重复计入：第 ${c.index + 1} 名残疾职工（${c.idNumberMasked}）${monthsText(c.months)}已由${c.other.unitName}（${c.other.uscc}）的申报先行计入，本申报这些月份不计入`
              : `劳务派遣人员重复计入：第 ${c.index + 1} 名残疾职工（${c.idNumberMasked}）${monthsText(c.months)}也由${c.other.unitName}（${c.other.uscc}）申报计入；本申报先计入，对方申报这些月份不计入`
          }
          description={`派遣单位统一社会信用代码 ${c.agencyUscc}；对方申报办理地 ${regionLabel(c.other.regionCode)}。请与对方办理地核实派遣双方的协议约定（财税〔2015〕72号第八条：只计入一方，不得重复计算）。`}
        />
      ))}
    </Space>
  );
}
