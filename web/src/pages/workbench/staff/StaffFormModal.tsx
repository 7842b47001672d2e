// 登记人员 / 修改名册信息: the entry's fields, sent to the server, whose refusals appear beside the fields they name
// (a certificate number's shape, a date, a region of the wrong level) or above the form (not in one's region).
import { Alert, DatePicker, Form, Input, Modal, Select, Switch, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { StaffMemberView } from '../../../../../api/staff.ts';
import type { StaffRole } from '../../../../../staff/staff-roles.ts';
import { api, ApiError } from '../../../lib/api.ts';
import type { Choice } from './staff-regions.ts';

interface Values {
  sub: string;
  name: string;
  roles: StaffRole[];
  regionCode: string;
  certificateNumber?: string;
  certificateExpiresOn?: Dayjs | null;
  agreementSignedOn?: Dayjs | null;
  active: boolean;
}

const FIELDS = new Set(['sub', 'name', 'roles', 'regionCode', 'certificateNumber', 'certificateExpiresOn', 'agreementSignedOn', 'active']);
const day = (value: string | null) => (value ? dayjs(value) : null);

function valuesOf(member: StaffMemberView | null): Partial<Values> {
  if (!member) return { roles: [], active: true };
  return {
    sub: member.sub,
    name: member.name,
    roles: member.roles,
    regionCode: member.regionCode,
    certificateNumber: member.certificateNumber ?? undefined,
    certificateExpiresOn: day(member.certificateExpiresOn),
    agreementSignedOn: day(member.agreementSignedOn),
    active: member.active,
  };
}

export interface StaffFormModalProps {
  /** The entry being changed; null to register someone; undefined when closed. */
  member: StaffMemberView | null | undefined;
  regions: Choice[];
  roles: Choice<StaffRole>[];
  onClose: () => void;
  onSaved: (saved: StaffMemberView) => void;
}

export function StaffFormModal({ member, regions, roles, onClose, onSaved }: StaffFormModalProps) {
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = member !== undefined;
  const editing = Boolean(member);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(member ?? null));
    setRefusal(null);
  }, [open, member, form]);

  async function save() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      name: values.name.trim(),
      roles: values.roles,
      regionCode: values.regionCode,
      certificateNumber: values.certificateNumber?.trim() ? values.certificateNumber.trim().toUpperCase() : null,
      certificateExpiresOn: values.certificateExpiresOn ? values.certificateExpiresOn.format('YYYY-MM-DD') : null,
      agreementSignedOn: values.agreementSignedOn ? values.agreementSignedOn.format('YYYY-MM-DD') : null,
      active: values.active,
    };
    setBusy(true);
    setRefusal(null);
    try {
      const saved = member
        ? await api<StaffMemberView>('PATCH', `/api/staff/${encodeURIComponent(member.sub)}`, body)
        : await api<StaffMemberView>('POST', '/api/staff', { sub: values.sub.trim(), ...body });
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setRefusal('保存失败，请检查网络后重试');
        return;
      }
      // Each field's refusal beside it ("/roles/0" belongs to the roles); anything else above the form.
      const byField = new Map<string, string[]>();
      const rest: string[] = [];
      for (const e of error.errors) {
        const field = e.path.split('/')[1] ?? '';
        if (FIELDS.has(field)) byField.set(field, [...(byField.get(field) ?? []), e.message]);
        else rest.push(e.message);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
      if (byField.size === 0 || rest.length > 0) setRefusal([error.title, ...rest].join('；'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? `修改名册信息：${member?.name ?? ''}` : '登记工作人员'}
      okText="保存"
      cancelText="取消"
      onOk={save}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'staff-save' } as ButtonProps}
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="staff-form-refusal" />}
      <Form form={form} name="staffEntry" layout="vertical" data-testid="staff-form" requiredMark>
        <Form.Item name="sub" label="登录账号" rules={[{ required: true, whitespace: true, message: '请填写登录账号' }]} extra="统一身份认证的登录账号，登记后不能修改">
          <Input disabled={editing} maxLength={128} autoComplete="off" data-testid="staff-sub" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={40} autoComplete="off" data-testid="staff-name" />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请选择至少一个角色' }]} extra="同一人的角色应属同一层级（县级、市级或省级）">
          <Select mode="multiple" options={roles} placeholder="请选择" data-testid="staff-roles" />
        </Form.Item>
        <Form.Item name="regionCode" label="所属行政区" rules={[{ required: true, message: '请选择所属行政区' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={regions} placeholder="请选择" data-testid="staff-region" />
        </Form.Item>
        <Form.Item name="certificateNumber" label="上岗证编号" extra="尚未取得上岗证的留空；此人在取得前不能办理任务或查看个人信息">
          <Input maxLength={32} autoComplete="off" data-testid="staff-certificate-number" />
        </Form.Item>
        <Form.Item name="certificateExpiresOn" label="上岗证有效期至">
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder="YYYY-MM-DD" data-testid="staff-certificate-expires" />
        </Form.Item>
        <Form.Item name="agreementSignedOn" label="保密协议签订日期" extra="与本级残疾人就业服务机构签订的信息安全保密协议">
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder="YYYY-MM-DD" data-testid="staff-agreement" />
        </Form.Item>
        <Form.Item name="active" label="在岗" valuePropName="checked">
          <Switch checkedChildren="在岗" unCheckedChildren="停用" data-testid="staff-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
