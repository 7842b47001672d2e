// The unit's part of the declaration (附件1 §二(一)): every field checked as it is typed by the same rules the server
// applies to the whole declaration (check digits, region codes, phone numbers), with the same sentences.
import { AutoComplete, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import type { Filing } from '../../../../filings/declaration/filing.ts';
import { unitNaturesAllowedFor } from '../../../../domain/identifiers/uscc.ts';
import { regionName, zhejiangCounties } from '../../../../domain/regions.ts';
import { employerIssues, messageFor } from './declaration-checks.ts';
import { isMasked, selectIfMasked } from './employee-rows.ts';
import { ECONOMIC_TYPES, UNIT_NATURE_NAMES } from './declaration-labels.ts';

export type EmployerValues = Partial<Filing['employer']>;

/** What the form holds, as the declaration's `employer`: trimmed, blanks left out. */
export function cleanEmployer(values: Record<string, unknown>): EmployerValues {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const v = typeof value === 'string' ? value.trim() : value;
    if (v !== '') out[key] = v;
  }
  return out as EmployerValues;
}

const counties = zhejiangCounties();
const REGION_OPTIONS = counties.map((c) => ({ value: c.code, label: `${c.cityName}${c.name}（${c.code}）` }));
const cities = [...new Map(counties.map((c) => [c.cityCode, c.cityName])).entries()];
// 残联主管部门: the county's federation as a rule, sometimes the city's or the province's.
const AUTHORITY_OPTIONS = [
  { value: '330000', label: '浙江省残联（330000）' },
  ...cities.map(([code, name]) => ({ value: code, label: `${name}残联（${code}）` })),
  ...counties.map((c) => ({ value: c.code, label: `${c.cityName}${c.name}残联（${c.code}）` })),
];
const LEVY_TYPES = ['按月申报', '按季申报', '按年申报'].map((value) => ({ value }));
const searchLabel = (input: string, option?: { label?: unknown }) => String(option?.label ?? '').includes(input.trim());

export interface EmployerFormProps {
  form: FormInstance;
  year: number;
  /** The unit's code comes from who signed in: shown, not changed. */
  usccLocked: boolean;
  /** The county cannot change when a declaration is modified (a move is a transfer). */
  regionLocked?: boolean;
  /** A filed declaration's masked numbers (field → as shown): left as they are, they keep what was filed. */
  kept?: Readonly<Record<string, string>>;
}

const KEPT_HINT = '未修改时沿用原申报的号码；如需更改，请填写完整号码';

export function EmployerForm({ form, year, usccLocked, regionLocked = false, kept = {} }: EmployerFormProps) {
  const uscc = Form.useWatch('uscc', form) as string | undefined;
  const regionCode = Form.useWatch('regionCode', form) as string | undefined;
  const natures = unitNaturesAllowedFor(uscc ?? '').map((n) => ({ value: n, label: UNIT_NATURE_NAMES[n] }));
  const place = regionCode ? regionName(regionCode) : undefined;
  const taxSuggestions = place ? [{ value: `国家税务总局${place}税务局` }] : [];

  // Each field is judged with the whole unit, as the server judges it (the county against the code, say).
  // Within the unit's own form, "用人单位" before a label says nothing ("用人单位名称" stays whole).
  const inForm = (message: string) => message.replace(/用人单位(?!名称)/, '');
  const checked = (field: string): Rule => ({ getFieldsValue, getFieldValue }) => ({
    validator: async () => {
      const value: unknown = getFieldValue(field);
      // A number kept as filed is the server's to check; one edited around its asterisks is nobody's number.
      if (Object.hasOwn(kept, field) && value === kept[field]) return;
      if (isMasked(value)) throw new Error(inForm(messageFor(`/employer/${field}`, 'MASKED_NOT_FILED')));
      const issue = employerIssues(cleanEmployer(getFieldsValue(true) as Record<string, unknown>), year).find((i) => i.path === `/employer/${field}`);
      if (issue) throw new Error(inForm(issue.message));
    },
  });
  const item = (field: string, label: string, control: ReactNode, extra?: string, span: 'third' | 'half' | 'wide' = 'third') => (
    <Col xs={24} md={span === 'wide' ? 24 : 12} lg={{ third: 8, half: 12, wide: 16 }[span]} key={field}>
      <Form.Item name={field} label={label} rules={[checked(field)]} extra={Object.hasOwn(kept, field) ? KEPT_HINT : extra} required>
        {control}
      </Form.Item>
    </Col>
  );

  return (
    <Form form={form} layout="vertical" data-testid="employer-form" scrollToFirstError>
      <Row gutter={16}>
        {item('uscc', '统一社会信用代码', <Input maxLength={18} disabled={usccLocked} style={{ fontFamily: 'monospace' }} />)}
        {item('name', '单位名称', <Input maxLength={200} />, undefined, 'wide')}
        {item('unitNature', '单位性质', <Select options={natures} placeholder="请选择" />)}
        {item('economicType', '经济性质', <Select options={ECONOMIC_TYPES} placeholder="请选择" />)}
        {item('industryCode', '行业类别', <Input maxLength={5} placeholder="如 C3311" />, '国民经济行业分类代码（GB/T 4754-2017），门类字母加 2–4 位数字')}
        {item('regionCode', '单位所属行政区', <Select options={REGION_OPTIONS} showSearch={{ filterOption: searchLabel }} placeholder="请选择县（市、区）" disabled={regionLocked} />)}
        {item('dpfAuthority', '残联主管部门', <Select options={AUTHORITY_OPTIONS} showSearch={{ filterOption: searchLabel }} placeholder="请选择" />)}
        {item('taxAuthority', '税务主管部门', <AutoComplete options={taxSuggestions} placeholder="如：国家税务总局杭州市西湖区税务局" />)}
        {item('levyPaymentType', '残保金缴纳类型', <AutoComplete options={LEVY_TYPES} placeholder="如：按月申报" />)}
        {item('legalRepName', '法人姓名', <Input maxLength={50} />)}
        {item('legalRepIdNumber', '法人身份证号', <Input maxLength={18} style={{ fontFamily: 'monospace' }} onFocus={selectIfMasked} />)}
        {item('legalRepPhone', '法人电话', <Input maxLength={20} onFocus={selectIfMasked} />)}
        {item('handlerName', '经办人姓名', <Input maxLength={50} />)}
        {item('handlerPhone', '经办人电话', <Input maxLength={20} onFocus={selectIfMasked} />, '11 位手机号或带区号的固定电话，如 0571-85781153')}
        {item('registeredAddress', '注册地址', <Input maxLength={200} />, undefined, 'half')}
        {item('businessAddress', '经营地址', <Input maxLength={200} />, undefined, 'half')}
        {item('averageStaffCount', '上年在职职工年平均人数', <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="人" />)}
        {item('averageAnnualWage', '上年在职职工年平均工资', <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" />)}
      </Row>
    </Form>
  );
}
