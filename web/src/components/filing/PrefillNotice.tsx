// Above a wizard's unit form: where its prefilled values came from and what to check them against, and — when the
// registering department could not be read — the server's own sentence saying so, instead of an empty form and no word.
import { Alert, Space } from 'antd';
import type { UnitPrefill } from './unit-prefill.ts';

export interface PrefillNoticeProps {
  prefill: UnitPrefill | null;
  /** What the person checks the values against ("请核对", "请对照纸质材料核对"). */
  check: string;
  /** Said after the last declaration's values, when the numbers in it were not copied. */
  retype?: string;
  /** How the unit is named: 本单位 to an employer, 该单位 to a clerk. */
  unit: string;
}

export function PrefillNotice({ prefill, check, retype = '', unit }: PrefillNoticeProps) {
  if (!prefill || (prefill.sources.length === 0 && prefill.registrationProblem === undefined)) return null;
  const from = prefill.sources.includes('register') ? `已根据单位登记信息预填，${check}` : `已根据${unit} ${prefill.lastYear} 年度的申报预填，${check}${retype}`;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {prefill.registrationProblem !== undefined && (
        <Alert type="warning" showIcon data-testid="registration-problem" title={prefill.registrationProblem} />
      )}
      {prefill.sources.length > 0 && <Alert type="info" showIcon data-testid="prefill-notice" title={from} />}
    </Space>
  );
}
