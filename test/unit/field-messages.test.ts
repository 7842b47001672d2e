import { describe, expect, it } from 'vitest';
import { filingMessages } from '../../domain/filing/messages.ts';
import { localeFrom } from '../../platform/field-messages.ts';

describe('field messages', () => {
  it('names list items and nested fields the way the form does', () => {
    expect(filingMessages.fieldLabel('/employees/2/socialInsurance/pension', 'zh')).toBe('第 3 名残疾职工的参保信息·养老保险');
    expect(filingMessages.fieldLabel('/employees/2/idNumber', 'en')).toBe("employee 3's ID number");
    expect(filingMessages.fieldLabel('/employer/handlerPhone', 'zh')).toBe('用人单位经办人电话');
    expect(filingMessages.fieldLabel('/employer/regionCode', 'zh')).toBe('用人单位所属行政区');
    expect(filingMessages.fieldLabel('/', 'zh')).toBe('申报内容');
  });

  it('shows a field it does not know as sent, without a prefix', () => {
    expect(filingMessages.messageFor({ path: '/employer/extra', code: 'UNKNOWN_FIELD' }, 'zh')).toBe('“extra”不是申报表中的字段');
  });

  it('words schema problems from their keyword', () => {
    expect(filingMessages.messageFor({ path: '/employer/name', code: 'FORMAT', params: { keyword: 'minLength', limit: 1 } }, 'zh')).toBe(
      '请填写用人单位名称',
    );
    expect(
      filingMessages.messageFor({ path: '/channel', code: 'FORMAT', params: { keyword: 'enum', allowedValues: ['online', 'window'] } }, 'en'),
    ).toBe('channel must be one of online, window');
    expect(filingMessages.messageFor({ path: '/employees', code: 'ITEM_COUNT', params: { keyword: 'minItems', limit: 1 } }, 'zh')).toBe(
      '残疾职工名单至少要有 1 条记录',
    );
  });

  it('answers in English only when the client prefers it', () => {
    expect(localeFrom('en-GB,en;q=0.9')).toBe('en');
    expect(localeFrom('zh-CN,en;q=0.5')).toBe('zh');
    expect(localeFrom(undefined)).toBe('zh');
  });
});
