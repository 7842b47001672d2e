// Development sign-in (docs/contracts.md §4), offered under the sign-in page on this machine only and never in
// production: any role and scope at once, for development and the tests.
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { checkUscc } from '../../../domain/identifiers/uscc.ts';
import { zhejiangCounties } from '../../../domain/regions.ts';
import { ApiError } from '../lib/api.ts';
import { homeOf, ROLE_NAMES, useSession, type Role } from '../lib/session.tsx';

const COUNTY_ROLES: Role[] = ['clerk', 'reviewer', 'lead'];
const counties = zhejiangCounties();
const countyOptions = counties.map((c) => ({ value: c.code, label: `${c.cityName}${c.name}（${c.code}）` }));
const cityOptions = [...new Map(counties.map((c) => [c.cityCode, c.cityName])).entries()].map(([value, name]) => ({ value, label: `${name}（${value}）` }));

interface Values {
  role: Role;
  uscc?: string;
  regionCode?: string;
}

export function DevelopmentSignIn({ next }: { next: string | undefined }) {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? 'employer';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const who = await signIn({ role: values.role, ...(values.uscc ? { uscc: values.uscc.trim() } : {}), ...(values.regionCode ? { regionCode: values.regionCode } : {}) });
      navigate(next ?? homeOf(who), { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(e.errors.map((f) => ({ name: f.path.slice(1) as keyof Values, errors: [f.message] })));
        if (e.errors.length === 0) setError(e.title);
      } else setError('无法连接服务器，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
    <Form form={form} layout="vertical" initialValues={{ role: 'employer' }} onFinish={submit} requiredMark={false}>
      <Form.Item name="role" label="身份">
        <Radio.Group
          optionType="button"
          // Every role the system has: the province, policy staff and operators sign in here too.
          options={(['employer', 'clerk', 'reviewer', 'lead', 'city', 'province', 'policy', 'operator'] as Role[]).map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
        />
      </Form.Item>
      {role === 'employer' && (
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          rules={[
            { required: true, message: '请填写统一社会信用代码' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && checkUscc(value.trim())) throw new Error('统一社会信用代码不正确（18 位，校验位需一致），请核对');
              },
            },
          ]}
        >
          <Input placeholder="18 位，如 91330106…" maxLength={18} autoComplete="off" />
        </Form.Item>
      )}
      {COUNTY_ROLES.includes(role) && (
        <Form.Item name="regionCode" label="所在县（市、区）" rules={[{ required: true, message: '请选择所在县（市、区）' }]}>
          <Select showSearch optionFilterProp="label" options={countyOptions} placeholder="选择县（市、区）" />
        </Form.Item>
      )}
      {role === 'city' && (
        <Form.Item name="regionCode" label="所在市" rules={[{ required: true, message: '请选择所在市' }]}>
          <Select options={cityOptions} placeholder="选择市" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={busy}>
        登录
      </Button>
    </Form>
    </>
  );
}
