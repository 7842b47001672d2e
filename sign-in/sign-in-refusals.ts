// Why a sign-in through the provider was refused, worded once for the server and the sign-in page alike:
// /auth/callback (and /auth/login) send the person to `/login?error=<code>` and the page shows the sentence. Only the
// code travels in the address, so nobody can make our sign-in page say something of their choosing.
export const SIGN_IN_REFUSALS = {
  UNKNOWN_PERSON: '您的账号未在本系统登记：工作人员请联系所在市残联将您加入人员名册；用人单位请使用单位的法人账号登录',
  STAFF_INACTIVE: '您的账号在人员名册中已停用，请联系所在市残联',
  USCC_INVALID: '统一身份认证平台提供的统一社会信用代码无效，请联系身份认证平台核对本单位的信息',
  LOGIN_EXPIRED: '登录请求已失效（超过 10 分钟，或已在其他窗口重新登录），请重新登录',
  ACCESS_DENIED: '您在统一身份认证平台取消了登录',
  PROVIDER_ERROR: '统一身份认证平台未能完成登录，请重新登录；如仍不成功请联系系统管理员',
  PROVIDER_UNAVAILABLE: '统一身份认证平台暂时无法访问，请稍后再试',
  TOO_MANY_FAILURES: '登录失败次数过多，请 15 分钟后再试',
} as const;
export type SignInRefusal = keyof typeof SIGN_IN_REFUSALS;
