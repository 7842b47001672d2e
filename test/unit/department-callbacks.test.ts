// Where departments send later answers and the token they must send: the configured address wins over the API's
// own, the token is the configured one or a random one per process, and the settings refuse what cannot work.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { CALLBACK_PATHS, DepartmentCallbacks } from '../../tax-handover/department-callbacks.ts';

const TOKEN = 'a-configured-token-of-some-length';

describe('department callbacks', () => {
  it('knows no address until the API listens, then its own; a loopback address for an API on every interface', () => {
    const callbacks = new DepartmentCallbacks(loadConfig({}));
    expect(callbacks.urlOf(CALLBACK_PATHS.taxAnswers)).toBeUndefined();
    callbacks.listening('0.0.0.0', 41234);
    expect(callbacks.urlOf(CALLBACK_PATHS.taxAnswers)).toBe('http://127.0.0.1:41234/api/departments/tax/answers');
    const v6 = new DepartmentCallbacks(loadConfig({}));
    v6.listening('::1', 80);
    expect(v6.urlOf('/x')).toBe('http://[::1]:80/x');
  });

  it('prefers CALLBACK_BASE_URL, without a trailing slash, then PUBLIC_BASE_URL, over the listening address', () => {
    const both = { CALLBACK_BASE_URL: 'https://dpf.zj.gov.cn/review/', PUBLIC_BASE_URL: 'https://dpf.example.gov.cn' };
    const callbacks = new DepartmentCallbacks(loadConfig(both));
    callbacks.listening('127.0.0.1', 3000);
    expect(callbacks.urlOf(CALLBACK_PATHS.taxAnswers)).toBe('https://dpf.zj.gov.cn/review/api/departments/tax/answers');
    const publicOnly = new DepartmentCallbacks(loadConfig({ PUBLIC_BASE_URL: both.PUBLIC_BASE_URL }));
    publicOnly.listening('127.0.0.1', 3000);
    expect(publicOnly.urlOf(CALLBACK_PATHS.taxAnswers)).toBe('https://dpf.example.gov.cn/api/departments/tax/answers');
  });

  it('accepts exactly the configured token, or a random one of its own per process', () => {
    const configured = new DepartmentCallbacks(loadConfig({ DEPT_CALLBACK_TOKEN: TOKEN }));
    expect(configured.token).toBe(TOKEN);
    expect(configured.accepts(TOKEN)).toBe(true);
    for (const wrong of [undefined, '', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) expect(configured.accepts(wrong)).toBe(false);

    const [a, b] = [new DepartmentCallbacks(loadConfig({})), new DepartmentCallbacks(loadConfig({}))];
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(a.token).not.toBe(b.token);
    expect(a.accepts(a.token)).toBe(true);
    expect(a.accepts(b.token)).toBe(false);
  });

  it('refuses a callback address or token that cannot work', () => {
    for (const url of ['dpf.example.gov.cn', 'ftp://dpf.example.gov.cn', 'https://dpf.example.gov.cn/?a=1', 'https://dpf.example.gov.cn/#x', 'https://u:p@dpf.example.gov.cn']) {
      expect(() => loadConfig({ CALLBACK_BASE_URL: url }), url).toThrow(ConfigError);
    }
    for (const token of ['short', 'a token with spaces in it', '令牌令牌令牌令牌令牌令牌令牌令牌']) {
      expect(() => loadConfig({ DEPT_CALLBACK_TOKEN: token }), token).toThrow(ConfigError);
    }
    expect(loadConfig({}).taxSimAnswerDelayMs).toBe(300);
  });
});
