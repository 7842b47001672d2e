// Simulated national platform (跨省通办): takes filings Zhejiang sends out for units of other provinces and answers a
// receipt; delivers, on an admin call, a filing received in another province to our API with the platform's token,
// as the real platform would; and takes the results we report back for filings it delivered. Repeated
// Idempotency-Keys get the first answer again, so a retried call is one call.
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { loadConfig } from '../../platform/config.ts';
import { compileSchema } from '../../platform/schema.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { checkingCertifiedCount } from '../tax/schema.ts';
import {
  certificationReportSchema,
  outboundTransferSchema,
  PLATFORM_ID_PATTERN,
  type CertificationReport,
  type OutboundTransfer,
  type ReportReceipt,
  type TransferReceipt,
} from './schema.ts';

/** Answers remembered per key; the oldest are forgotten beyond this, so a long-running simulator stays small. */
const MAX_REMEMBERED = 10_000;
// Declarations carry up to a few thousand employees.
const BODY_LIMIT = '8mb';

const checkTransfer = compileSchema<OutboundTransfer>(outboundTransferSchema);
const checkReport = checkingCertifiedCount(compileSchema<CertificationReport>(certificationReportSchema));
const checkDelivery = compileSchema<{ transfer: Record<string, unknown>; to: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['transfer', 'to'],
  properties: {
    // Not checked further: a test delivers malformed transfers on purpose, to see our API refuse them.
    transfer: { type: 'object' },
    to: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', maxLength: 300 },
  },
});
const platformId = new RegExp(PLATFORM_ID_PATTERN);

interface Remembered<A> {
  /** The request as first made, to tell a repeat from a different request under the same key. */
  request: string;
  answer: A;
}

/** A filing Zhejiang sent out, as the platform holds it. */
interface ReceivedTransfer extends TransferReceipt {
  transfer: OutboundTransfer;
}

/** A filing the platform delivered to Zhejiang, with the results reported back for it. */
interface DeliveredTransfer {
  transferId: string;
  receivingRegionCode: unknown;
  deliveredAt: string;
  /** Our filing's id, from our API's answer. */
  filingId: string | undefined;
  results: (CertificationReport & ReportReceipt)[];
}

/** What the platform holds; kept across data reloads, as a platform does not forget a transfer. */
export interface NationalPlatformState {
  received: Map<string, ReceivedTransfer>;
  delivered: Map<string, DeliveredTransfer>;
  transferKeys: Map<string, Remembered<TransferReceipt>>;
  resultKeys: Map<string, Remembered<ReportReceipt>>;
}

export function emptyNationalPlatformState(): NationalPlatformState {
  return { received: new Map(), delivered: new Map(), transferKeys: new Map(), resultKeys: new Map() };
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

/** The Idempotency-Key, or a 400 said and undefined. */
function idempotencyKeyOf(req: Request, res: Response): string | undefined {
  const key = req.get('idempotency-key');
  if (!key) res.status(400).json({ error: 'bad_request', message: 'an Idempotency-Key header is required' });
  return key || undefined;
}

/** The same key for a different request is a caller bug; answering the old receipt would hide it. */
function keyReused(res: Response): void {
  res.status(409).json({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for a different request' });
}

export interface NationalPlatformOptions {
  /** The token the platform presents to our API; read when it delivers, so it follows the configuration. */
  token?: () => string;
  now?: () => Date;
}

export function createNationalPlatformRouter(state: NationalPlatformState, options: NationalPlatformOptions = {}): Router {
  const token = options.token ?? (() => loadConfig().nationalPlatformToken);
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.post('/transfers', (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (!key) return;
    const checked = checkTransfer(req.body);
    const issues = checked.ok ? [] : checked.issues;
    // The platform routes by the unit's own office: the declaration must name the same one.
    if (checked.ok && checked.value.declaration.employer.regionCode !== checked.value.handlingRegionCode) {
      issues.push({ path: '/handlingRegionCode', code: 'MISMATCH', params: { declared: checked.value.declaration.employer.regionCode } });
    }
    if (!checked.ok || issues.length > 0) {
      res.status(400).json({ error: 'bad_request', errors: issues });
      return;
    }
    const transfer = checked.value;
    const request = JSON.stringify(transfer);
    const earlier = state.transferKeys.get(key);
    if (earlier) {
      if (earlier.request !== request) keyReused(res);
      else res.json(earlier.answer);
      return;
    }
    const receipt: TransferReceipt = {
      receiptId: `NP-${transfer.declaration.year}-${randomUUID()}`,
      receivedAt: now().toISOString(),
    };
    remember(state.transferKeys, key, { request, answer: receipt });
    remember(state.received, receipt.receiptId, { ...receipt, transfer });
    res.status(201).json(receipt);
  });

  router.get('/transfers/:id', (req, res) => {
    const received = state.received.get(req.params.id);
    if (received) {
      res.json({ direction: 'from-zhejiang', receiptId: received.receiptId, receivedAt: received.receivedAt, ...received.transfer });
      return;
    }
    const delivered = state.delivered.get(req.params.id);
    if (delivered) {
      res.json({ direction: 'to-zhejiang', ...delivered });
      return;
    }
    res.status(404).json({ error: 'not_found' });
  });

  router.post('/transfers/:transferId/results', (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (!key) return;
    const checked = checkReport(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const delivered = state.delivered.get(req.params.transferId);
    if (!delivered) {
      res.status(404).json({ error: 'unknown_transfer', message: 'the platform delivered no filing under this transfer id' });
      return;
    }
    const report = checked.value;
    if (delivered.filingId !== undefined && delivered.filingId !== report.filingId) {
      res.status(409).json({ error: 'filing_mismatch', message: 'this transfer was delivered as another filing' });
      return;
    }
    const request = JSON.stringify([req.params.transferId, report]);
    const earlier = state.resultKeys.get(key);
    if (earlier) {
      if (earlier.request !== request) keyReused(res);
      else res.json(earlier.answer);
      return;
    }
    const answer: ReportReceipt = { resultId: `NPR-${randomUUID()}`, receivedAt: now().toISOString() };
    remember(state.resultKeys, key, { request, answer });
    delivered.results.push({ ...report, ...answer });
    res.status(201).json(answer);
  });

  // Plays the platform's side of an inbound transfer: POSTs `transfer` to the API at `to` with the platform's token,
  // and answers what that API answered.
  router.post('/_admin/deliver', async (req, res) => {
    const checked = checkDelivery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const { transfer, to } = checked.value;
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${to.replace(/\/+$/, '')}/api/national-platform/filings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token()}` },
        body: JSON.stringify(transfer),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      res.status(502).json({ error: 'delivery_failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const text = await answer.text();
    const transferId = transfer.transferId;
    if (answer.ok && typeof transferId === 'string' && platformId.test(transferId)) {
      let filingId: string | undefined;
      try {
        const id = (JSON.parse(text) as { id?: unknown }).id;
        if (typeof id === 'string') filingId = id;
      } catch {
        // An answer without the filing's id: results are then taken for any filing.
      }
      const before = state.delivered.get(transferId);
      remember(state.delivered, transferId, {
        transferId,
        receivingRegionCode: transfer.receivingRegionCode,
        deliveredAt: before?.deliveredAt ?? now().toISOString(),
        filingId: filingId ?? before?.filingId,
        results: before?.results ?? [],
      });
    }
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json').send(text);
  });

  return router;
}

/** Each simulator keeps what it holds across data reloads; it reads no data file. */
export function createNationalPlatformSimulator(options: NationalPlatformOptions = {}): SimulatedDepartment & { state: NationalPlatformState } {
  const state = emptyNationalPlatformState();
  return {
    name: 'national-platform',
    state,
    async load() {
      return createNationalPlatformRouter(state, options);
    },
  };
}

export const nationalPlatformSimulator: SimulatedDepartment = createNationalPlatformSimulator();
