import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { signInOf } from '../../sign-in/sign-in.ts';

const SECRET = 'a client secret of at least thirty-two bytes';
const provider = { OIDC_ISSUER: 'https://sso.example.gov.cn/realms/zj/', OIDC_CLIENT_ID: 'dpf-review', OIDC_CLIENT_SECRET: SECRET };

describe('how people sign in on an installation', () => {
  it('runs the embedded provider, and development sign-in, outside production without OIDC_ISSUER', () => {
    expect(signInOf(loadConfig({}))).toEqual({ development: true, provider: 'embedded' });
    expect(signInOf(loadConfig({ NODE_ENV: 'test' }))).toEqual({ development: true, provider: 'embedded' });
  });

  it('uses OIDC_ISSUER with its client wherever it is set, development sign-in only outside production', () => {
    expect(signInOf(loadConfig(provider))).toEqual({ development: true, provider: 'configured', issuer: 'https://sso.example.gov.cn/realms/zj', clientId: 'dpf-review', clientSecret: SECRET });
    expect(signInOf(loadConfig({ ...provider, NODE_ENV: 'production' }))).toMatchObject({ development: false, provider: 'configured' });
  });

  it('refuses production without a provider, and a provider without its client, naming what is missing', () => {
    expect(() => signInOf(loadConfig({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => signInOf(loadConfig({ NODE_ENV: 'production' }))).toThrow(/NODE_ENV=production needs an OpenID Connect provider \(OIDC_ISSUER/);
    expect(() => signInOf(loadConfig({ OIDC_ISSUER: provider.OIDC_ISSUER }))).toThrow(/needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too/);
    expect(() => signInOf(loadConfig({ OIDC_CLIENT_ID: 'dpf-review' }))).toThrow(/OIDC_ISSUER is not/);
  });

  it('takes https issuers, plain http only on this machine, and client secrets of 32 bytes or more', () => {
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:3200' }).oidcIssuer).toBe('http://127.0.0.1:3200');
    expect(loadConfig({ OIDC_ISSUER: 'http://localhost:8080/realms/zj' }).oidcIssuer).toBe('http://localhost:8080/realms/zj');
    expect(() => loadConfig({ OIDC_ISSUER: 'http://sso.example.gov.cn' })).toThrow(/OIDC_ISSUER must use https/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.gov.cn/?x=1' })).toThrow(/without query/);
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 'x'.repeat(31) })).toThrow(/OIDC_CLIENT_SECRET must be at least 32 bytes/);
    expect(() => loadConfig({ OIDC_USCC_CLAIM: 'credit code' })).toThrow(/OIDC_USCC_CLAIM must be a claim name/);
    expect(loadConfig({ OIDC_USCC_CLAIM: 'creditCode' }).oidcUsccClaim).toBe('creditCode');
  });
});
