// The unit deregistered, listed in the abnormal-operation directory or as a 非正常户 while its filing is under way
// (the registrars' change feeds, docs/registrar-feeds.md): shown to the staff above the filing's result, with the
// decision left to the county's task 核实登记状态变化.
import { Alert, Space } from 'antd';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDate } from '../../lib/format.ts';

type RegisterChange = NonNullable<FilingDetail['registerChanges']>[number];

const REGISTRAR: Record<RegisterChange['registrar'], string> = { samr: '市场监管部门', civil: '民政部门', org: '机构编制部门' };
const STATUS: Record<RegisterChange['status'], string> = { deregistered: '注销', abnormal: '列入经营异常名录', irregular: '非正常户' };

export function RegisterChangeAlerts({ changes }: { changes: RegisterChange[] }) {
  if (changes.length === 0) return null;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="register-changes">
      {changes.map((c) => (
        <Alert
          key={`${c.registrar}-${c.recordedAt}-${c.status}`}
          type="warning"
          showIcon
          title={`登记状态变化：${REGISTRAR[c.registrar]}登记该单位${STATUS[c.status]}（${chineseDate(c.effectiveOn)}起）`}
          description="申报办理期间收到。请办理地核实后决定申报继续办理还是退回（待办任务“核实登记状态变化”）。"
        />
      ))}
    </Space>
  );
}
