// The last look before sending: what will be declared, in the words of the paper form (an employee a card on a phone).
import { Descriptions } from 'antd';
import type { Employee, Filing } from '../../../../../filings/declaration/filing.ts';
import { regionName } from '../../../../../domain/regions.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { CERT_TYPES, employmentTypeText, UNIT_NATURE_NAMES, labelOf } from '../../../components/filing/declaration-labels.ts';
import { chineseDate, yuan } from '../../../lib/format.ts';

export function ConfirmStep({ filing }: { filing: Filing }) {
  const { employer, employees, commitment } = filing;
  return (
    <div data-testid="confirm-step">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'year', label: '申报年度', children: `${filing.year} 年` },
          { key: 'channel', label: '申报渠道', children: '网上申报' },
          { key: 'name', label: '单位名称', children: employer.name || '—' },
          { key: 'uscc', label: '统一社会信用代码', children: employer.uscc },
          { key: 'nature', label: '单位性质', children: employer.unitNature ? UNIT_NATURE_NAMES[employer.unitNature] : '—' },
          { key: 'region', label: '单位所属行政区', children: employer.regionCode ? (regionName(employer.regionCode) ?? employer.regionCode) : '—' },
          { key: 'staff', label: '上年在职职工年平均人数', children: employer.averageStaffCount !== undefined ? `${employer.averageStaffCount} 人` : '—' },
          { key: 'wage', label: '上年在职职工年平均工资', children: yuan(employer.averageAnnualWage) },
          { key: 'handler', label: '经办人', children: `${employer.handlerName ?? '—'} ${employer.handlerPhone ?? ''}` },
          { key: 'employees', label: '残疾职工', children: `${employees.length} 人` },
          { key: 'signer', label: '承诺人', children: commitment.signer || '—' },
          { key: 'signedAt', label: '承诺日期', children: chineseDate(commitment.signedAt) },
        ]}
      />
      <ResponsiveTable<Employee & { n: number }>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="n"
        pagination={employees.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: true }}
        dataSource={employees.map((e, i) => ({ ...e, n: i + 1 }))}
        cardTitle={(e) => `${e.n}. ${e.name}`}
        cardOmit={['n', 'name']}
        columns={[
          { title: '序号', dataIndex: 'n', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '证件类型', dataIndex: 'certType', render: (v: string) => labelOf(CERT_TYPES, v) },
          { title: '用工性质', key: 'employmentType', render: (_v, e) => employmentTypeText(e) },
          { title: '在岗期间', key: 'period', render: (_v, e) => `${chineseDate(e.employedFrom)} 至 ${chineseDate(e.employedTo)}` },
          { title: '实际支付工资', dataIndex: 'annualWage', render: (v: number) => yuan(v) },
        ]}
      />
    </div>
  );
}
