// The declared disabled employees, read-only. ID and certificate numbers come masked; the filing view offers the
// audited reveal. The employee a manual review is about is marked.
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { CERT_TYPES, DISABILITY_CATEGORIES, EDUCATION_LEVELS, employmentTypeText, labelOf, POST_TYPES } from '../../components/filing/declaration-labels.ts';
import type { Employee } from '../../lib/filing-types.ts';
import { chineseDate, yuan } from '../../lib/format.ts';

interface Row extends Employee {
  index: number;
}

const period = (from?: string, to?: string) => (from || to ? `${chineseDate(from)} 至 ${chineseDate(to)}` : '—');
const text = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function DeclaredEmployees({ employees, highlightIndex }: { employees: Employee[]; highlightIndex?: number }) {
  const columns: ColumnsType<Row> = [
    {
      title: '序号',
      key: 'n',
      width: 64,
      fixed: 'left',
      render: (_v, r) => (r.index === highlightIndex ? <Tag color="orange">{r.index + 1}</Tag> : r.index + 1),
    },
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string) => <span data-testid="employee-id-number">{v}</span> },
    { title: '证件类型', key: 'certType', width: 120, render: (_v, r) => labelOf(CERT_TYPES, r.certType) },
    { title: '证号', dataIndex: 'certNumber', width: 210 },
    {
      title: '残疾类别、等级',
      key: 'grade',
      width: 130,
      render: (_v, r) => `${r.disabilityCategory ? labelOf(DISABILITY_CATEGORIES, r.disabilityCategory).replace(/^\d /, '') + '、' : ''}${r.disabilityGrade}级`,
    },
    { title: '文化程度', key: 'education', width: 100, render: (_v, r) => labelOf(EDUCATION_LEVELS, r.education) },
    { title: '就业岗位', dataIndex: 'jobPost', width: 110 },
    { title: '岗位类别', key: 'postType', width: 120, render: (_v, r) => labelOf(POST_TYPES, r.postType ?? 'other') },
    { title: '用工性质', key: 'employmentType', width: 200, render: (_v, r) => <span data-testid="employee-employment-type">{employmentTypeText(r)}</span> },
    { title: '劳动合同期限', key: 'contract', width: 250, render: (_v, r) => period(r.contractStart, r.contractEnd) },
    { title: '在岗期间', key: 'employed', width: 250, render: (_v, r) => period(r.employedFrom, r.employedTo) },
    { title: '年实际支付工资', key: 'wage', width: 140, align: 'right', render: (_v, r) => yuan(r.annualWage) },
    { title: '联系电话', dataIndex: 'phone', width: 130 },
    { title: '参保信息', key: 'si', width: 120, render: (_v, r) => text(r.socialInsurance) },
    { title: '上年度缴费信息', key: 'contrib', width: 130, render: (_v, r) => text(r.contributions) },
  ];
  return (
    <Table<Row>
      data-testid="declared-employees"
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={employees.map((e, index) => ({ ...e, index }))}
      pagination={employees.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 2320 }}
      rowClassName={(r) => (r.index === highlightIndex ? 'wb-row-highlight' : '')}
      onRow={(r) => ({ 'data-testid': 'declared-employee', 'data-index': r.index }) as HTMLAttributes<HTMLElement>}
    />
  );
}
