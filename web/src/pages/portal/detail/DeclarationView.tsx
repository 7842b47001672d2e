// What the unit declared, read back (personal numbers masked by the server): the unit and its disabled employees,
// a card each on a phone.
import { Descriptions } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Employee } from '../../../../../filings/declaration/filing.ts';
import { regionName } from '../../../../../domain/regions.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { CERT_TYPES, ECONOMIC_TYPES, EDUCATION_LEVELS, employmentTypeText, POST_TYPES, UNIT_NATURE_NAMES, labelOf } from '../../../components/filing/declaration-labels.ts';
import type { FilingDetail } from '../../../lib/filing-types.ts';
import { chineseDate, yuan } from '../../../lib/format.ts';

const region = (code: string | undefined) => (code ? `${regionName(code) ?? ''}（${code}）` : '—');

export function EmployerView({ filing }: { filing: FilingDetail }) {
  const e = filing.employer;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'name', label: '单位名称', children: e.name },
        { key: 'uscc', label: '统一社会信用代码', children: e.uscc },
        { key: 'nature', label: '单位性质', children: UNIT_NATURE_NAMES[e.unitNature] ?? e.unitNature },
        { key: 'economic', label: '经济性质', children: labelOf(ECONOMIC_TYPES, e.economicType) },
        { key: 'industry', label: '行业类别', children: e.industryCode },
        { key: 'region', label: '所属行政区', children: region(e.regionCode) },
        { key: 'dpf', label: '残联主管部门', children: region(e.dpfAuthority) },
        { key: 'tax', label: '税务主管部门', children: e.taxAuthority },
        { key: 'legal', label: '法人', children: `${e.legalRepName} ${e.legalRepPhone}` },
        { key: 'handler', label: '经办人', children: `${e.handlerName} ${e.handlerPhone}` },
        { key: 'levy', label: '残保金缴纳类型', children: e.levyPaymentType },
        { key: 'staff', label: '上年在职职工年平均人数', children: `${e.averageStaffCount} 人` },
        { key: 'wage', label: '上年在职职工年平均工资', children: yuan(e.averageAnnualWage) },
        { key: 'address', label: '经营地址', children: e.businessAddress },
        { key: 'signer', label: '承诺人', children: `${filing.commitment.signer}（${chineseDate(filing.commitment.signedAt)}）` },
      ]}
    />
  );
}

export function EmployeesView({ employees }: { employees: Employee[] }) {
  return (
    <ResponsiveTable<Employee & { n: number }>
      data-testid="declared-employee-list"
      size="small"
      rowKey="n"
      pagination={employees.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      dataSource={employees.map((e, i) => ({ ...e, n: i + 1 }))}
      onRow={(e) => ({ 'data-testid': `declared-employee-${e.n - 1}` }) as HTMLAttributes<HTMLElement>}
      cardTitle={(e) => `${e.n}. ${e.name}`}
      cardOmit={['n', 'name']}
      columns={[
        { title: '序号', dataIndex: 'n', width: 56 },
        { title: '姓名', dataIndex: 'name' },
        { title: '身份证号', dataIndex: 'idNumber' },
        { title: '证件类型', dataIndex: 'certType', render: (v: string) => labelOf(CERT_TYPES, v) },
        { title: '证号', dataIndex: 'certNumber' },
        { title: '残疾等级', dataIndex: 'disabilityGrade', render: (v: number) => `${v} 级` },
        { title: '文化程度', dataIndex: 'education', render: (v: string) => labelOf(EDUCATION_LEVELS, v) },
        { title: '就业岗位', dataIndex: 'jobPost' },
        { title: '岗位类别', key: 'postType', render: (_v, e) => labelOf(POST_TYPES, e.postType ?? 'other') },
        { title: '用工性质', key: 'employmentType', render: (_v, e) => employmentTypeText(e) },
        { title: '在岗期间', key: 'period', render: (_v, e) => `${chineseDate(e.employedFrom)} 至 ${chineseDate(e.employedTo)}` },
        { title: '实际支付工资', dataIndex: 'annualWage', render: (v: number) => yuan(v) },
      ]}
    />
  );
}
