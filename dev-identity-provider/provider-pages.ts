// The development identity provider's own pages, in Chinese: its sign-in page (account, password, and the ready
// accounts listed, since they exist only in development), the sign-out step and its errors. Self-contained: no
// outside asset; the one script (submitting the sign-out the person already asked for) carries the page's nonce.
import { escapeHtml } from '../platform/html-escape.ts';
import { DEVELOPMENT_ACCOUNTS, DEVELOPMENT_PASSWORD } from './development-accounts.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f2329;background:#eef2f7}
header{background:#1d4f91;color:#fff;padding:14px 20px}
header h1{margin:0;font-size:18px;font-weight:600}
header p{margin:2px 0 0;font-size:12px;opacity:.85}
main{max-width:960px;margin:24px auto;padding:0 16px;display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:24px}
.sign-in{flex:1 1 320px;max-width:400px}
.accounts{flex:2 1 420px;min-width:0}
h2{margin:0 0 16px;font-size:16px}
label{display:block;margin:12px 0 4px;color:#4e5969}
input{width:100%;padding:9px 11px;border:1px solid #c9cdd4;border-radius:4px;font-size:15px}
input:focus{outline:2px solid #3c7be8;border-color:#3c7be8}
button{width:100%;margin-top:20px;padding:10px;border:0;border-radius:4px;background:#1d4f91;color:#fff;font-size:15px;cursor:pointer}
.error{margin:0 0 12px;padding:8px 12px;border:1px solid #f5c2c0;background:#fff1f0;color:#a8071a;border-radius:4px}
.muted{color:#86909c;font-size:12px}
.client{margin:0 0 8px;color:#4e5969}
a{color:#1d4f91}
table{width:100%;border-collapse:collapse;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
td code{font-size:13px;white-space:nowrap}
@media (max-width:600px){main{margin:12px auto}section{padding:16px}.accounts td:nth-child(2){display:none}.accounts th:nth-child(2){display:none}}
`;

function page(title: string, body: string, nonce?: string, script?: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>统一身份认证平台（开发环境）</h1><p>仅供开发与测试使用，生产环境不提供</p></header>
<main>${body}</main>
${script && nonce ? `<script nonce="${escapeHtml(nonce)}">${script}</script>` : ''}
</body>
</html>`;
}

/** The Content-Security-Policy of these pages: nothing but their own inline style and, where there is one, the nonced script. */
export function pageSecurityPolicy(nonce?: string): string {
  return [`default-src 'none'`, `style-src 'unsafe-inline'`, nonce ? `script-src 'nonce-${nonce}'` : '', `frame-ancestors 'none'`, `base-uri 'none'`]
    .filter(Boolean)
    .join('; ');
}

export function signInPage(options: { action: string; abort: string; clientName: string; login?: string; error?: string }): string {
  const rows = DEVELOPMENT_ACCOUNTS.map(
    (a) => `<tr><td><code>${escapeHtml(a.login)}</code></td><td>${escapeHtml(a.name)}</td><td>${escapeHtml(a.note)}</td></tr>`,
  ).join('');
  return page(
    '统一身份认证登录',
    `<section class="sign-in" aria-labelledby="sign-in-title">
<h2 id="sign-in-title">账号登录</h2>
<p class="client">登录后前往：${escapeHtml(options.clientName)}</p>
${options.error ? `<p class="error" role="alert" data-testid="provider-error">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="login">账号</label>
<input id="login" name="login" value="${escapeHtml(options.login ?? '')}" maxlength="64" required autofocus spellcheck="false">
<label for="password">密码</label>
<input id="password" name="password" type="password" maxlength="128" required>
<button type="submit">登 录</button>
</form>
<p class="muted">不登录并返回：<a href="${escapeHtml(options.abort)}">取消</a></p>
</section>
<section class="accounts" aria-labelledby="accounts-title">
<h2 id="accounts-title">开发环境预置账号</h2>
<p class="muted">所有账号的密码均为 <code>${escapeHtml(DEVELOPMENT_PASSWORD)}</code>；工作人员的角色与所辖范围以本系统的人员名册为准。</p>
<table><thead><tr><th>账号</th><th>姓名 / 单位</th><th>用途</th></tr></thead><tbody>${rows}</tbody></table>
</section>`,
  );
}

/**
 * RP-initiated sign-out (features.rpInitiatedLogout.logoutSource): the person already chose 退出 in the system, so the
 * page confirms at once; without script the button does it.
 */
export function signOutPage(form: string, nonce: string): string {
  return page(
    '退出登录',
    `<section class="sign-in"><h2>正在退出统一身份认证…</h2>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-logout">退出登录</button></section>`,
    nonce,
    `document.getElementById('confirm-logout').click();`,
  );
}

export function signedOutPage(): string {
  return page('已退出', `<section class="sign-in"><h2>您已退出统一身份认证</h2><p>可以关闭本页面。</p></section>`);
}

export function errorPage(message: string): string {
  return page('出错了', `<section class="sign-in"><h2>统一身份认证出错</h2><p class="error" role="alert">${escapeHtml(message)}</p></section>`);
}
