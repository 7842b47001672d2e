// The sentences a person reads about a verification code they typed, for the shared message mechanism.
import { createFieldMessages } from '../platform/field-messages.ts';

export const certificateMessages = createFieldMessages({
  root: ['查询', 'the query'],
  labels: {
    code: ['确认书验证码', 'verification code'],
  },
  formatHints: {
    code: ['格式不正确，应为 16 位字母和数字，例如 7K3M-9QXT-2B4R-8HJW', 'must be 16 letters and digits, e.g. 7K3M-9QXT-2B4R-8HJW'],
  },
  templates: {
    CODE_CHECKSUM: [
      (f) => `${f}的校验位不符，可能有字符输入错误，请核对后重新输入`,
      (f) => `${f}: the check character does not match; a character was probably mistyped`,
    ],
  },
});
