// POST /api/national-platform/filings: the national platform (跨省通办) delivers a filing that an office of another
// province received for a unit registered in Zhejiang (收受分离). It is stored like a window filing received at that
// office, checked by the same rules as any filing, and handled by the unit's own county.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { inboundTransferSchema, type InboundTransfer } from '../connectors/national-platform/schema.ts';
import type { Filing } from '../filings/declaration/filing.ts';
import { filingMessages } from '../filings/declaration/messages.ts';
import { validateFiling, type FilingRules } from '../filings/declaration/validate-filing.ts';
import { checkRegionCode, isZhejiang } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages, type Locale } from '../platform/field-messages.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import { compileSchema, type FieldIssue } from '../platform/schema.ts';
import { normalizeText } from '../platform/text.ts';
import { createFiling, earlierRequest, type CreateFilingResult } from '../filings/filing-store.ts';
import { answerStoredFiling } from '../filings/filing-routes.ts';
import { fieldErrors, localeOf } from '../platform/http/http.ts';
import { bearerToken, type SystemCaller } from '../platform/http/identity.ts';

/** Who stored a delivered filing: created_by and the audit log name the platform. */
export const NATIONAL_PLATFORM_CALLER: SystemCaller = { sub: 'national-platform', role: 'system' };

export interface NationalPlatformRoutesOptions {
  db: Db;
  /** The bearer token the platform presents (NATIONAL_PLATFORM_TOKEN). */
  token: string;
  rules: () => FilingRules;
  /** Called once a new filing is committed: its process start waits in the outbox. */
  nudgeOutbox?: () => void;
}

const checkEnvelope = compileSchema<InboundTransfer>(inboundTransferSchema);

const transferMessages = createFieldMessages({
  root: ['转办内容', 'the transfer'],
  labels: {
    transferId: ['转办编号', 'transfer id'],
    receivingRegionCode: ['受理地行政区', 'receiving office region'],
    receivedAt: ['受理时间', 'time received'],
    filing: ['申报内容', 'the declaration'],
  },
  formatHints: {
    transferId: ['应为 1–100 位字母、数字或 _ . : -', 'must be 1–100 letters, digits or _ . : -'],
    receivedAt: ['应为带时区的时间，如 2026-04-01T09:30:00+08:00', 'must be a date-time with an offset, e.g. 2026-04-01T09:30:00+08:00'],
  },
  templates: {
    REGION_UNKNOWN: [(f) => `${f}不是有效的县级行政区划代码`, (f) => `${f} is not a known county code`],
  },
});

/** Compares in constant time: hashing first makes the lengths equal, so the length is not told either. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function platformCredential(token: string): RequestHandler {
  return (req, res, next) => {
    const given = bearerToken(req.get('authorization'));
    if (given === undefined || !sameToken(given, token)) {
      res.set('WWW-Authenticate', 'Bearer realm="national-platform"');
      next(new Problem(401, '跨省通办平台凭据无效', 'missing or invalid national platform token'));
      return;
    }
    next();
  };
}

/** Issues about the declaration, worded by the filing API's catalogue and placed under /filing. */
function filingErrors(issues: FieldIssue[], locale: Locale): FieldError[] {
  return fieldErrors(issues, locale, filingMessages).map((e) => ({ ...e, path: e.path === '/' ? '/filing' : `/filing${e.path}` }));
}

function refused(status: 400 | 422, req: Request, errors: FieldError[]): Problem {
  const zh = localeOf(req) === 'zh';
  const title = status === 400 ? (zh ? '提交的内容有误' : 'Invalid request') : zh ? '该申报不能经跨省通办转至本省办理' : 'This filing cannot be handled in Zhejiang';
  return new Problem(status, title, undefined, errors);
}

/**
 * The filing as stored here: received at the other province's office, as at a window (the office accepted it, so its
 * paper is complete unless the office said otherwise).
 */
function asReceived(filing: Filing, receivingRegionCode: string): Filing {
  return { ...filing, channel: 'window', receivingRegionCode, windowIntake: filing.windowIntake ?? { materialsComplete: true } };
}

/** Every reason the platform's envelope or the declaration cannot be taken, all at once; else the checked transfer. */
function badRequest(req: Request, rules: FilingRules): { errors: FieldError[] } | { transfer: InboundTransfer; filing: Filing; notices: FieldIssue[] } {
  const locale = localeOf(req);
  const envelope = checkEnvelope(req.body);
  const errors = envelope.ok ? [] : fieldErrors(envelope.issues, locale, transferMessages);
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Partial<InboundTransfer>;
  if (typeof body.receivingRegionCode === 'string' && /^[0-9]{6}$/.test(body.receivingRegionCode)) {
    const problem = checkRegionCode(body.receivingRegionCode, 'county');
    if (problem) errors.push(...fieldErrors([{ path: '/receivingRegionCode', code: problem }], locale, transferMessages));
  }
  let filing: Filing | undefined;
  let notices: FieldIssue[] = [];
  if (typeof body.filing === 'object' && body.filing !== null && !Array.isArray(body.filing)) {
    const result = validateFiling(body.filing, rules);
    if (result.ok) ({ filing, notices } = result);
    else errors.push(...filingErrors(result.issues, locale));
  }
  if (errors.length > 0 || !envelope.ok || !filing) return { errors };
  return { transfer: envelope.value, filing, notices };
}

/** What only Zhejiang may not take: a unit registered elsewhere, or a filing that never left Zhejiang. */
function notForZhejiang(req: Request, transfer: InboundTransfer, filing: Filing): FieldError[] {
  const zh = localeOf(req) === 'zh';
  const errors: FieldError[] = [];
  if (!isZhejiang(filing.employer.regionCode)) {
    errors.push({
      path: '/filing/employer/regionCode',
      code: 'EMPLOYER_NOT_IN_ZHEJIANG',
      message: zh ? '用人单位所属行政区不在浙江省，应转单位所在省份办理' : 'the unit is not registered in Zhejiang; it is handled in its own province',
    });
  }
  if (isZhejiang(transfer.receivingRegionCode)) {
    errors.push({
      path: '/receivingRegionCode',
      code: 'RECEIVED_IN_ZHEJIANG',
      message: zh ? '受理地在浙江省，省内申报不经跨省通办平台转办' : 'the receiving office is in Zhejiang; filings received here do not come through the platform',
    });
  }
  if (filing.receivingRegionCode !== undefined && filing.receivingRegionCode !== transfer.receivingRegionCode) {
    errors.push({
      path: '/filing/receivingRegionCode',
      code: 'RECEIVING_REGION_MISMATCH',
      message: zh ? '申报中的受理地与转办的受理地不一致' : 'the declaration names another receiving office than the transfer',
    });
  }
  return errors;
}

function conflict(status: 409 | 422, code: string, filingId: string, path: string, message: string): Problem {
  return new Problem(status, message, undefined, [{ path, code, message }], 'about:blank', { code, filingId });
}

export function nationalPlatformRouter({ db, token, rules, nudgeOutbox }: NationalPlatformRoutesOptions): Router {
  const router = Router();

  router.post('/api/national-platform/filings', platformCredential(token), async (req, res) => {
    const zh = localeOf(req) === 'zh';
    const body = normalizeText(req.body).value as Partial<InboundTransfer> | undefined;
    // A redelivery of a transfer that was taken gets its filing as it was taken, even once the years a filing may
    // name have moved on; a transfer id used for another filing is refused before anything else.
    const filingSent = body?.filing;
    const repeat =
      typeof body?.transferId === 'string' && typeof body.receivingRegionCode === 'string' && typeof filingSent === 'object' && filingSent !== null
        ? await earlierRequest(db, NATIONAL_PLATFORM_CALLER, body.transferId, asReceived(filingSent as Filing, body.receivingRegionCode))
        : undefined;
    let stored: CreateFilingResult;
    let notices: FieldError[] = [];
    if (repeat) stored = repeat;
    else {
      const checked = badRequest(req, rules());
      if ('errors' in checked) throw refused(400, req, checked.errors);
      const { transfer, filing } = checked;
      const wrongPlace = notForZhejiang(req, transfer, filing);
      if (wrongPlace.length > 0) throw refused(422, req, wrongPlace);
      notices = filingErrors(checked.notices, localeOf(req));
      stored = await createFiling(db, NATIONAL_PLATFORM_CALLER, asReceived(filing, transfer.receivingRegionCode), transfer.transferId, checked.notices, {
        transferId: transfer.transferId,
        receivingRegionCode: transfer.receivingRegionCode,
        receivedAt: transfer.receivedAt,
      });
    }
    switch (stored.kind) {
      case 'created':
      case 'repeated':
        answerStoredFiling(res, stored, notices, nudgeOutbox);
        return;
      case 'key_reused':
        throw conflict(422, 'TRANSFER_ID_REUSED', stored.filingId, '/transferId', zh
          ? '该转办编号已用于另一份内容不同的申报'
          : 'this transfer id was delivered before with a different filing');
      case 'exists':
        throw conflict(409, 'FILING_EXISTS', stored.filingId, '/filing/employer/uscc', zh
          ? '该单位本年度已有在办的申报，不能重复申报'
          : 'the unit already has a filing for that year under way');
    }
  });

  return router;
}
