import { describe, expect, it } from 'vitest';
import { filingMessages } from '../../filings/declaration/messages.ts';
import { createFieldMessages, localeFrom } from '../../platform/field-messages.ts';

// A catalogue of its own, so the shared UNKNOWN_FIELD sentence is the one under test.
const plainMessages = createFieldMessages({
  root: ['提交的内容', 'the request'],
  labels: { name: ['名称', 'name'] },
  listItems: { employees: ['第 {n} 名职工', 'employee {n}'] },
  prefixes: { employer: ['用人单位', "employer's "] },
  formatHints: { name: ['应为中文名称', 'must be a Chinese name'] },
});
const objectMemberNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

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

  it('shows a field named like an Object member as sent, never a member of the prototype', () => {
    for (const name of objectMemberNames) {
      const issue = { path: `/${name}`, code: 'UNKNOWN_FIELD' };
      expect(plainMessages.messageFor(issue, 'zh')).toBe(`“${name}”不是可以提交的字段`);
      expect(plainMessages.messageFor(issue, 'en')).toBe(`"${name}" is not an accepted field`);
      expect(filingMessages.messageFor(issue, 'zh')).toBe(`“${name}”不是申报表中的字段`);
    }
    expect(plainMessages.messageFor({ path: '/employees/0/constructor', code: 'UNKNOWN_FIELD' }, 'zh')).toBe('第 1 名职工的“constructor”不是可以提交的字段');
    expect(plainMessages.messageFor({ path: '/employees/0/constructor', code: 'UNKNOWN_FIELD' }, 'en')).toBe(
      'employee 1\'s "constructor" is not an accepted field',
    );
    expect(plainMessages.messageFor({ path: '/employer/toString', code: 'UNKNOWN_FIELD' }, 'zh')).toBe('“toString”不是可以提交的字段');
  });

  it('treats a list, prefix, format hint or code named like an Object member as unknown', () => {
    for (const name of objectMemberNames) {
      expect(() => plainMessages.fieldLabel(`/${name}/0/name`, 'zh')).not.toThrow();
      expect(plainMessages.fieldLabel(`/${name}/0/name`, 'zh')).toBe('名称');
      expect(plainMessages.fieldLabel(`/${name}/name`, 'zh')).toBe('名称');
      expect(plainMessages.messageFor({ path: `/${name}`, code: 'FORMAT' }, 'zh')).toBe(`“${name}”格式不正确`);
      expect(plainMessages.messageFor({ path: '/name', code: name }, 'zh')).toBe(`名称有误（${name}）`);
      expect(plainMessages.messageFor({ path: '/name', code: name }, 'en')).toBe(`name: ${name}`);
    }
  });
});
