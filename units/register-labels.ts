// The register's values as people read them (docs/units.md): a unit's status, its registrar and the kind of change a
// registrar's feed reported. The one place these words live: the API's answers, the pages and the feeds' effects use them.
// The values themselves are the API's (api/units.ts), as the supervision's keys are.
import type { RegisterChangeType, RegisterRegistrar, RegisterStatus } from '../api/units.ts';

export { REGISTER_CHANGE_TYPES, REGISTER_STATUSES, REGISTRARS } from '../api/units.ts';
export type { RegisterChangeType, RegisterRegistrar, RegisterStatus } from '../api/units.ts';

export const STATUS_LABELS: Readonly<Record<RegisterStatus, string>> = {
  active: '存续',
  deregistered: '注销',
  abnormal: '列入经营异常名录',
  irregular: '非正常户',
};

/** The registrar as a short name (a list's column) … */
export const REGISTRAR_LABELS: Readonly<Record<RegisterRegistrar, string>> = { samr: '市场监管', civil: '民政', org: '机构编制' };

/** … and as the department that keeps the register (a sentence). */
export const REGISTRAR_DEPARTMENTS: Readonly<Record<RegisterRegistrar, string>> = { samr: '市场监督管理部门', civil: '民政部门', org: '机构编制部门' };

export const CHANGE_TYPE_LABELS: Readonly<Record<RegisterChangeType, string>> = {
  registered: '新设登记',
  deregistered: '注销登记',
  'abnormal-listed': '列入经营异常名录',
  'abnormal-removed': '移出经营异常名录',
  'irregular-listed': '认定为非正常户',
  'irregular-removed': '解除非正常户',
  'details-changed': '登记事项变更',
};

/** The fields a `details-changed` record may carry (unit_register_changes.changes), by their Chinese names. */
export const CHANGED_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '单位名称',
  regionCode: '所属行政区',
  industryCode: '行业代码',
  unitNature: '单位性质',
  registeredOn: '成立日期',
};

const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export const statusLabel = (status: string): string => own(STATUS_LABELS, status) ?? status;
export const registrarLabel = (registrar: string): string => own(REGISTRAR_LABELS, registrar) ?? registrar;
export const changeTypeLabel = (type: string): string => own(CHANGE_TYPE_LABELS, type) ?? type;
export const changedFieldLabel = (field: string): string => own(CHANGED_FIELD_LABELS, field) ?? field;

/**
 * Where a change came from, as a sentence: a registrar's feed record by its sequence number, else the source as
 * recorded (the initial load, say).
 */
export function changeSourceLabel(change: { registrar: string; sequence: number | null; source: string }): string {
  const department = own(REGISTRAR_DEPARTMENTS, change.registrar) ?? change.registrar;
  if (change.sequence !== null) return `${department}变更推送（第 ${change.sequence} 条）`;
  if (/initial|seed/i.test(change.source)) return `${department}初始数据`;
  return change.source;
}
