// The certification confirmation over HTTP: for those who may read the filing, its current certificate (JSON) and
// the PDF to print; for anyone, without signing in, the check of a code (JSON for machines, a page for people).
// The public answers show only what the paper itself shows, never who certified or any person's data.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { Problem } from '../platform/problem.ts';
import { audit } from '../platform/http/audit.ts';
import { readableFiling } from '../filings/filing-routes.ts';
import { identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { OffThreadBusyError, OffThreadMemoryError, OffThreadRunner, OffThreadTimeoutError } from '../platform/off-thread.ts';
import type { PdfJob, PdfReply } from './certificate-pdf-worker.ts';
import { certificateMessages } from './certificate-messages.ts';
import { CERTIFICATE_TITLE } from './certificate-pdf.ts';
import { currentCertificate, findCertificate, type Certificate } from './certificate-store.ts';
import { parseVerificationCode } from './verification-code.ts';
import { verifyPage, type VerifyOutcome } from './verify-page.ts';

export interface CertificateRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** PUBLIC_BASE_URL; empty = the address each request came to. */
  publicBaseUrl: string;
  /** CERTIFICATE_FONT; empty = the Debian CJK fonts. */
  fontPath: string;
}

function verifyUrl(base: string, code: string): string {
  return `${base}/verify/${code}`;
}

/** What a signed-in reader of the filing sees. */
function present(certificate: Certificate, base: string) {
  return {
    code: certificate.code,
    sequence: certificate.sequence,
    year: certificate.year,
    employerUscc: certificate.employerUscc,
    employerName: certificate.employerName,
    certifiedCount: certificate.certifiedCount,
    requiredCount: certificate.requiredCount,
    issuedAt: certificate.issuedAt,
    verifyUrl: verifyUrl(base, certificate.code),
    pdfHref: `/api/filings/${certificate.filingId}/certificate.pdf`,
  };
}

/** What anyone holding the paper may learn: what the paper shows, and whether it is still the one in force. */
function presentPublicly(certificate: Certificate) {
  const superseded = certificate.supersededAt !== null;
  return {
    code: certificate.code,
    valid: !superseded,
    status: superseded ? 'superseded' : 'valid',
    employerName: certificate.employerName,
    employerUscc: certificate.employerUscc,
    year: certificate.year,
    certifiedCount: certificate.certifiedCount,
    requiredCount: certificate.requiredCount,
    sequence: certificate.sequence,
    issuedAt: certificate.issuedAt,
    supersededAt: certificate.supersededAt,
  };
}

// A public page: no outside asset, no script, no framing; the code in its address goes to no other site.
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const PRINTER_ENTRY = new URL('./certificate-pdf-worker.ts', import.meta.url).href;
// One page of bounded text: well under a second; the font's glyphs need a few dozen MB.
const PRINT_TIMEOUT_MS = 20_000;
const PRINT_MEMORY_MB = 256;
const PRINTS_QUEUED = 8;
const PRINT_RETRY_AFTER_SECONDS = 5;

export function certificateRouter({ db, sessions, publicBaseUrl, fontPath }: CertificateRoutesOptions): Router {
  const router = Router();
  const baseOf = (req: Request) => publicBaseUrl || `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  const printer = new OffThreadRunner<PdfJob, PdfReply>({ task: '确认书生成', entry: PRINTER_ENTRY, timeoutMs: PRINT_TIMEOUT_MS, memoryMb: PRINT_MEMORY_MB, maxQueued: PRINTS_QUEUED });

  router.get('/api/filings/:id/certificate', authenticate(sessions), async (req, res) => {
    const filing = await readableFiling(db, req);
    const certificate = await currentCertificate(db, filing.id);
    if (!certificate) throw new Problem(404, '尚未年审认证', `filing ${filing.id} has no certificate yet`);
    res.set('Cache-Control', 'private, no-store').json(present(certificate, baseOf(req)));
  });

  router.get('/api/filings/:id/certificate.pdf', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const filing = await readableFiling(db, req);
    const certificate = await currentCertificate(db, filing.id);
    if (!certificate) throw new Problem(404, '尚未年审认证', `filing ${filing.id} has no certificate yet`);
    const office = regionName(filing.handlingRegionCode);
    // Printed on the printing thread; a thread that is busy, slow or out of memory is a 503 to retry, never a wait here.
    const job: PdfJob = { input: { certificate, verifyUrl: verifyUrl(baseOf(req), certificate.code), ...(office ? { reviewingOffice: `${office}残疾人联合会` } : {}) }, fontPath };
    const printed = await printer.run(job).catch((error: unknown) => {
      if (!(error instanceof OffThreadBusyError || error instanceof OffThreadTimeoutError || error instanceof OffThreadMemoryError)) throw error;
      res.set('Retry-After', String(PRINT_RETRY_AFTER_SECONDS));
      throw new Problem(503, '确认书正在生成的过多，请稍后再试', error.message);
    });
    if ('fontMissing' in printed) throw new Problem(503, '服务器缺少打印确认书所需的中文字体，暂时无法生成确认书，请联系系统管理员', printed.fontMissing);
    const pdf = Buffer.from(printed.pdf.buffer, printed.pdf.byteOffset, printed.pdf.byteLength);
    await audit(db, who, 'certificate.download', { type: 'certificate', id: certificate.code }, { filingId: filing.id, sequence: certificate.sequence });
    res.status(200).set({
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': attachmentDisposition(
        `${CERTIFICATE_TITLE}-${certificate.employerName}-${certificate.year}年度.pdf`,
        `certificate-${certificate.year}-${certificate.code}.pdf`,
      ),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    res.end(pdf);
  });

  router.get('/api/certificates/:code', async (req, res) => {
    const parsed = parseVerificationCode(req.params.code);
    if (!parsed.ok) throw invalid(req, [{ path: '/code', code: parsed.reason }], certificateMessages);
    const certificate = await findCertificate(db, parsed.code);
    if (!certificate) {
      throw new Problem(404, localeOf(req) === 'zh' ? '未找到该验证码对应的确认书' : 'no certificate has this code', `no certificate ${parsed.code}`);
    }
    res.set('Cache-Control', 'no-store').json(presentPublicly(certificate));
  });

  const page = async (req: Request, res: Response, typed: unknown) => {
    let outcome: VerifyOutcome;
    let status = 200;
    if (typed === undefined || typed === '') outcome = { kind: 'form' };
    else {
      const parsed = parseVerificationCode(typed);
      if (!parsed.ok) {
        status = 400;
        const message = certificateMessages.messageFor({ path: '/code', code: parsed.reason }, 'zh');
        outcome = { kind: 'invalid', typed: typeof typed === 'string' ? typed : '', message };
      } else {
        const certificate = await findCertificate(db, parsed.code);
        if (certificate) outcome = { kind: 'found', certificate };
        else {
          status = 404;
          outcome = { kind: 'not_found', code: parsed.code };
        }
      }
    }
    res.status(status).set(PAGE_HEADERS).type('text/html; charset=utf-8').send(verifyPage(outcome, `${baseOf(req)}/verify`));
  };

  router.get('/verify', (req, res) => page(req, res, req.query.code));
  router.get('/verify/:code', (req, res) => page(req, res, req.params.code));

  // An address the router cannot even decode (/verify/%E0) is a person's typing mistake too: the page, not JSON.
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const decodeFailed = error instanceof URIError && (error as { status?: number }).status === 400;
    if (!decodeFailed || !/^\/verify(\/|$)/.test(req.path)) return next(error);
    const message = certificateMessages.messageFor({ path: '/code', code: 'FORMAT' }, 'zh');
    res.status(400).set(PAGE_HEADERS).type('text/html; charset=utf-8').send(verifyPage({ kind: 'invalid', typed: '', message }, `${baseOf(req)}/verify`));
  });

  return router;
}
