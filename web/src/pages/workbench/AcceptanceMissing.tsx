// Beside the 受理 task: what the window found missing from the unit's paper when it was filed, and the acceptance
// deadline the process computed, so the clerk checks the materials brought since against that list.
import { Alert } from 'antd';
import { MissingMaterials, missingItems } from '../../components/filing/MissingMaterials.tsx';
import { api } from '../../lib/api.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { useLoaded } from '../../lib/use-loaded.ts';

export function AcceptanceMissing({ filingId }: { filingId: string }) {
  const filing = useLoaded(() => api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(filingId)}`), [filingId]);
  const acceptance = filing.data?.acceptance;
  if (!acceptance) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="acceptance-missing"
      title={missingItems(acceptance.missingMaterials).length > 0 ? '收件时材料不齐全，缺少：' : '收件时未登记缺少的材料，请核对申报材料'}
      description={<MissingMaterials acceptance={acceptance} dueLabel="受理期限" />}
    />
  );
}
