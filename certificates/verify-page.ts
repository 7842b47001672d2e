// The public page where anyone holding a certification confirmation checks it: a form for the code and what the
// system knows of it. Self-contained (no script, no outside asset); every value from the database or the visitor
// is escaped.
import { chineseDate, twoDecimals } from './certificate-pdf.ts';
import type { Certificate } from './certificate-store.ts';
import { escapeHtml } from '../platform/html-escape.ts';

export type VerifyOutcome =
  | { kind: 'form' }
  | { kind: 'found'; certificate: Certificate }
  | { kind: 'not_found'; code: string }
  /** The code typed could not be one: `message` says why. */
  | { kind: 'invalid'; typed: string; message: string };

/** What the visitor typed, shown back in the field: bounded, so a huge query is not echoed whole. */
const ECHO_LIMIT = 64;

/** Typed text fit to show again: whole characters, no control characters, no broken surrogates. */
function echoed(typed: string): string {
  const whole = typed.slice(0, 2 * ECHO_LIMIT).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return [...whole].slice(0, ECHO_LIMIT).join('').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f6f8;color:#1f2329}
main{max-width:40rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:0 0 1rem}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:1.25rem}
label{width:100%;font-weight:600}
input{flex:1;min-width:14rem;font-size:1.05rem;padding:.45rem .6rem;font-family:ui-monospace,monospace;text-transform:uppercase}
button{font-size:1rem;padding:.45rem 1.2rem}
.result{padding:1rem 1.25rem;border-radius:4px;border-left:5px solid}
.valid{background:#edf8ef;border-color:#2e8540}
.superseded{background:#fff6e5;border-color:#c77700}
.not-found,.invalid{background:#fdeeee;border-color:#c62828}
.result h2{font-size:1.1rem;margin:0 0 .6rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-top:1px solid rgba(0,0,0,.08);vertical-align:top}
th{width:13rem;font-weight:normal;color:#555}
p.note{font-size:.9rem;color:#555}`;

function facts(c: Certificate): string {
  const rows: [string, string][] = [
    ['单位名称', c.employerName],
    ['统一社会信用代码', c.employerUscc],
    ['年审年度', `${c.year}年度`],
    ['认定安排残疾人就业人数', `${twoDecimals(c.certifiedCount)} 人`],
    ['应安排残疾人就业人数', `${twoDecimals(c.requiredCount)} 人`],
    ['出具日期', chineseDate(c.issuedAt)],
    ['认证次数', `第${c.sequence}次认证`],
    ['确认书编号（验证码）', c.code],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function result(outcome: VerifyOutcome): string {
  switch (outcome.kind) {
    case 'form':
      return '';
    case 'found': {
      const c = outcome.certificate;
      if (c.supersededAt === null) {
        return `<section class="result valid" role="status"><h2>该确认书真实有效</h2>${facts(c)}</section>`;
      }
      return (
        `<section class="result superseded" role="status"><h2>该确认书真实，但已被更新的确认书取代，不再有效</h2>` +
        `<p>该单位于${escapeHtml(chineseDate(c.supersededAt))}经反馈重新审核后再次认证，请以其最新的确认书为准。</p>${facts(c)}</section>`
      );
    }
    case 'not_found':
      return `<section class="result not-found" role="status"><h2>未找到该验证码对应的确认书</h2><p>验证码 ${escapeHtml(outcome.code)} 不存在。请核对后重新输入；如仍查不到，该确认书可能不是本系统出具的。</p></section>`;
    case 'invalid':
      return `<section class="result invalid" role="status"><h2>无法核验</h2><p>${escapeHtml(outcome.message)}。</p></section>`;
  }
}

/** The page for an outcome; `formAction` is `<base>/verify`. */
export function verifyPage(outcome: VerifyOutcome, formAction: string): string {
  const typed =
    outcome.kind === 'found' ? outcome.certificate.code : outcome.kind === 'not_found' ? outcome.code : outcome.kind === 'invalid' ? echoed(outcome.typed) : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>残疾人按比例就业年审认证确认书核验</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>残疾人按比例就业年审认证确认书核验</h1>
<form method="get" action="${escapeHtml(formAction)}">
<label for="code">请输入确认书上的验证码</label>
<input id="code" name="code" value="${escapeHtml(typed)}" maxlength="${ECHO_LIMIT}" autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX" required>
<button type="submit">核验</button>
</form>
${result(outcome)}
<p class="note">验证码印在确认书的“确认书编号（验证码）”一栏，不区分大小写，可省略连字符。</p>
</main>
</body>
</html>
`;
}
