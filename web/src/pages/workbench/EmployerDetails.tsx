// The unit's part of a declaration and its commitment, as declared (personal numbers masked unless revealed), with
// what the registration record says differently and the clerk's intake notes.
import { Alert, Descriptions, Space } from 'antd';
import { ECONOMIC_TYPES, labelOf, UNIT_NATURE_NAMES } from '../../components/filing/declaration-labels.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDate, yuan } from '../../lib/format.ts';
import type { ReactNode } from 'react';
import { regionLabel } from './region-label.ts';

const items = (pairs: [string, ReactNode][]) => pairs.map(([label, children]) => ({ key: label, label, children }));

const DISCREPANCY_FIELDS: Record<string, string> = { name: '单位名称', unitNature: '单位性质', regionCode: '所属行政区' };

export function EmployerDetails({ filing }: { filing: FilingDetail }) {
  const e = filing.employer;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="employer-details">
      {filing.discrepancies.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="申报的单位信息与登记信息不一致"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {filing.discrepancies.map((d) => (
                <li key={d.field}>
                  {DISCREPANCY_FIELDS[d.field] ?? d.field}：申报为“{d.declared}”，登记为“{d.onRecord}”
                </li>
              ))}
            </ul>
          }
        />
      )}
      {filing.notices.length > 0 && (
        <Alert type="info" showIcon title="受理提示" description={filing.notices.map((n) => <div key={n.path + n.code}>{n.message}</div>)} />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} title="单位基本信息" items={items([
        ['单位名称', e.name],
        ['统一社会信用代码', e.uscc],
        ['单位性质', UNIT_NATURE_NAMES[e.unitNature] ?? e.unitNature],
        ['经济类型', labelOf(ECONOMIC_TYPES, e.economicType)],
        ['行业代码', e.industryCode],
        ['所属行政区', regionLabel(e.regionCode)],
        ['残联主管部门', regionLabel(e.dpfAuthority)],
        ['税务主管部门', e.taxAuthority],
        ['法人姓名', e.legalRepName],
        ['法人身份证号', e.legalRepIdNumber],
        ['法人电话', e.legalRepPhone],
        ['经办人', `${e.handlerName}（${e.handlerPhone}）`],
        ['残保金缴纳类型', e.levyPaymentType],
        ['上年在职职工年平均人数', `${e.averageStaffCount} 人`],
        ['上年在职职工年平均工资', yuan(e.averageAnnualWage)],
        ['注册地址', e.registeredAddress],
        ['经营地址', e.businessAddress],
      ])} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} title="承诺书" items={items([
        ['承诺人', filing.commitment.signer],
        ['签署日期', chineseDate(filing.commitment.signedAt)],
        ...(filing.commitment.materials?.length ? [['提交材料', filing.commitment.materials.join('、')] as [string, ReactNode]] : []),
      ])} />
    </Space>
  );
}
