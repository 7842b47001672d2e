// Phone numbers a handler or employee may give: an 11-digit mobile, or a fixed line with its area code.
const MOBILE = /^1[3-9]\d{9}$/;
const FIXED_LINE = /^0\d{2,3}-\d{7,8}(?:-\d{1,6})?$/;

export function isPhoneNumber(value: string): boolean {
  return MOBILE.test(value) || FIXED_LINE.test(value);
}
