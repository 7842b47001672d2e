// 统一身份认证登录 (docs/sign-in.md): one way in for everyone — on to the identity provider (GET /auth/login), and back
// here with why, when a sign-in was refused (/login?error=<code>), the session ended (?expired=1) or the person signed
// out (?signedOut=1). On a development machine, development sign-in below it (GET /api/sign-in/options says whether).
import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import type { SignInOptions } from '../../../api/sign-in.ts';
import { SIGN_IN_REFUSALS, type SignInRefusal } from '../../../sign-in/sign-in-refusals.ts';
import { api } from '../lib/api.ts';
import { DevelopmentSignIn } from './DevelopmentSignIn.tsx';

/** What the address says happened: a refusal by its code (never text from the address), an expired session, a sign-out. */
function noticeOf(params: URLSearchParams): { type: 'error' | 'warning' | 'success'; text: string } | undefined {
  const error = params.get('error');
  if (error) {
    return { type: 'error', text: Object.hasOwn(SIGN_IN_REFUSALS, error) ? SIGN_IN_REFUSALS[error as SignInRefusal] : '登录未成功，请重新登录' };
  }
  if (params.get('expired')) return { type: 'warning', text: '长时间未操作或登录已到期，请重新登录' };
  if (params.get('signedOut')) return { type: 'success', text: '您已安全退出。如在公共电脑上使用，请关闭浏览器。' };
  return undefined;
}

/** A path on this site to return to: from the address (`next`) or from the page that sent the person here. */
function nextOf(params: URLSearchParams, state: unknown): string | undefined {
  const next = params.get('next') ?? (state as { from?: string } | null)?.from;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && next !== '/login' ? next : undefined;
}

export function SignInPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const [options, setOptions] = useState<SignInOptions>();
  useEffect(() => {
    void api<SignInOptions>('GET', '/api/sign-in/options').then(setOptions, () => setOptions(undefined));
  }, []);
  const notice = noticeOf(params);
  const next = nextOf(params, location.state);
  const loginHref = `/auth/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f6f8', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>残疾人按比例就业情况联网认证</Typography.Title>
        <Typography.Paragraph type="secondary">“省内通办”“跨省通办” · 统一身份认证登录</Typography.Paragraph>
        {notice && <Alert type={notice.type} showIcon message={notice.text} style={{ marginBottom: 16 }} data-testid="sign-in-notice" />}
        <Button type="primary" size="large" block icon={<LoginOutlined />} href={loginHref} data-testid="oidc-sign-in">
          统一身份认证登录
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          用人单位请使用单位的法人账号登录；残联工作人员请使用本人账号登录，角色与所辖范围以人员名册为准。
        </Typography.Paragraph>
        {options?.provider === 'embedded' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            当前为开发环境，使用内置的开发用身份认证服务，预置账号列在其登录页上。
          </Typography.Paragraph>
        )}
        {options?.development && (
          <Collapse
            ghost
            style={{ marginTop: 16 }}
            items={[{ key: 'development', label: '开发环境快捷入口（仅本机，生产环境不提供）', children: <DevelopmentSignIn next={next} /> }]}
          />
        )}
      </Card>
    </div>
  );
}
