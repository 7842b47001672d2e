// One editable cell of the employee table: the right editor for the field (text, choice, amount, date), red when
// something is wrong with it, and the sentence saying what, right below.
import { DatePicker, Input, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { regionName } from '../../../../domain/regions.ts';
import { CERT_TYPES, DISABILITY_CATEGORIES, DISPATCH_AGREEMENT_CHOICES, EDUCATION_LEVELS, EMPLOYMENT_TYPES, gradeChoices, POST_TYPES } from './declaration-labels.ts';
import { selectIfMasked, type EmployeeField } from './employee-rows.ts';

export function cellId(rowKey: string, field: string): string {
  return `employee-${rowKey}-${field}`;
}

export interface EmployeeCellProps {
  rowKey: string;
  index: number;
  field: EmployeeField;
  value: unknown;
  /** A masked number as filed, kept unless typed anew. */
  kept: boolean;
  /** The row's certificate kind and employment type, which decide what some cells offer. */
  certType: unknown;
  employmentType: unknown;
  year: number;
  message: string | undefined;
  onValue: (rowKey: string, field: EmployeeField, value: unknown) => void;
  onLeave: (rowKey: string, field: EmployeeField) => void;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : null);

const MAX_LENGTH: Partial<Record<EmployeeField, number>> = { idNumber: 18, certNumber: 32, hukouRegionCode: 6, phone: 20, name: 50 };
const PLACEHOLDER: Partial<Record<EmployeeField, string>> = {
  idNumber: '18 位身份证号',
  certNumber: '残疾人证号为身份证号+类别+等级',
  hukouRegionCode: '6 位代码',
  phone: '手机或 0571-xxxxxxxx',
  socialInsurance: '如：养老、医疗',
  contributions: '如：12个月',
};
const DATE_FIELDS = new Set<EmployeeField>(['contractStart', 'contractEnd', 'employedFrom', 'employedTo']);

function Editor({ rowKey, field, value, certType, employmentType, year, message, onValue, onLeave }: EmployeeCellProps) {
  const id = cellId(rowKey, field);
  const status = message ? 'error' : undefined;
  const set = (v: unknown) => onValue(rowKey, field, v);
  const leave = () => onLeave(rowKey, field);
  const select = (options: { value: string | number; label: string }[], disabled = false, placeholder = '请选择') => (
    <Select id={id} status={status} value={value as string | number | undefined} options={options} onChange={set} onBlur={leave}
      disabled={disabled} placeholder={placeholder} style={{ width: '100%' }} allowClear />
  );
  const dispatched = employmentType === 'dispatch';
  switch (field) {
    case 'certType':
      return select(CERT_TYPES);
    case 'education':
      return select(EDUCATION_LEVELS);
    case 'employmentType':
      return select(EMPLOYMENT_TYPES);
    case 'disabilityCategory':
      return select(DISABILITY_CATEGORIES, certType !== undefined && certType !== 'disability');
    case 'disabilityGrade':
      return select(gradeChoices(typeof certType === 'string' ? certType : undefined));
    case 'annualWage':
      return (
        <InputNumber id={id} status={status} value={typeof value === 'number' ? value : null} min={0} precision={2} style={{ width: '100%' }}
          onChange={(v) => set(v ?? undefined)} onBlur={leave} placeholder="元" />
      );
    case 'postType':
      return select(POST_TYPES, false, '其他岗位');
    case 'dispatchCountedHere':
      // The agreement is a yes or a no; only a dispatched worker has one.
      return (
        <Select id={id} status={status} value={value === true ? 'here' : value === false ? 'elsewhere' : undefined} options={DISPATCH_AGREEMENT_CHOICES}
          onChange={(v) => onValue(rowKey, field, v === undefined ? undefined : v === 'here')} onBlur={leave} disabled={!dispatched}
          placeholder={dispatched ? '请选择' : '仅劳务派遣'} style={{ width: '100%' }} allowClear />
      );
    case 'dispatchAgencyUscc':
      // The code has capitals only: typed in lower case, it is the same code.
      return (
        <Input id={id} status={status} value={dispatched ? text(value) : ''} maxLength={18} disabled={!dispatched}
          placeholder={dispatched ? '18 位统一社会信用代码' : '仅劳务派遣'} onChange={(e) => set(e.target.value.toUpperCase())} onBlur={leave} />
      );
    default:
      break;
  }
  if (DATE_FIELDS.has(field)) {
    const inYear = field === 'employedFrom' || field === 'employedTo';
    return (
      <DatePicker id={id} status={status} value={day(value)} onChange={(d) => set(d ? d.format('YYYY-MM-DD') : undefined)} onBlur={leave}
        style={{ width: '100%' }} {...(inYear ? { defaultPickerValue: dayjs(`${year}-01-01`) } : {})} />
    );
  }
  if (typeof value === 'object' && value !== null) {
    // A structured 参保/缴费 entry sent through the API: kept as it is, not editable here.
    return <Typography.Text type="secondary">（已按结构化格式申报）</Typography.Text>;
  }
  return (
    <Input id={id} status={status} value={text(value)} maxLength={MAX_LENGTH[field] ?? 200} placeholder={PLACEHOLDER[field]}
      onChange={(e) => set(e.target.value)} onBlur={leave} onFocus={selectIfMasked} />
  );
}

export const EmployeeCell = memo(function EmployeeCell(props: EmployeeCellProps) {
  const { index, field, value, message, kept } = props;
  const place = field === 'hukouRegionCode' && typeof value === 'string' && value.length === 6 && !message ? regionName(value) : undefined;
  return (
    <div data-testid={`employee-cell-${index}-${field}`} data-invalid={message ? 'true' : undefined}>
      <Editor {...props} />
      {message && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, lineHeight: '16px', marginTop: 2 }}>
          {message}
        </Typography.Text>
      )}
      {kept && !message && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="kept-number">
          沿用原申报的号码
        </Typography.Text>
      )}
      {place && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {place}
        </Typography.Text>
      )}
    </div>
  );
});
