// Simulated tax bureau: takes a pushed certified result and answers at once with a receipt; a while later
// (TAX_SIM_ANSWER_DELAY_MS) it POSTs its answer — whether the result agrees with its data and the levy collected,
// from the optional tax-results.json — to the push's callback URL with the push's bearer token, retrying with
// back-off while the receiver is down. A repeated Idempotency-Key gets the first receipt again and no second answer.
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import express, { type Router } from 'express';
import { loadConfig } from '../../platform/config.ts';
import { retryAfterMs, retryWithBackoff } from '../../platform/retry.ts';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  checkingCertifiedCount,
  MAX_LEVY_PAGE,
  taxPushSchema,
  type LevyCollection,
  taxResultRecordSchema,
  type TaxAnswer,
  type TaxCallback,
  type TaxPush,
  type TaxReceipt,
  type TaxResultRecord,
} from './schema.ts';

export const TAX_DATA_FILE = 'tax-results.json';

/** Receipts remembered per key; the oldest are forgotten beyond this, so a long-running simulator stays small. */
const MAX_RECEIPTS = 100_000;

/** How the simulated bureau sends its answers; every field has a default. */
export interface TaxSimulatorOptions {
  /** Wait between the receipt and the answer; TAX_SIM_ANSWER_DELAY_MS unless given. */
  answerDelayMs?: number;
  /** Further attempts when the receiver cannot take an answer (network error, timeout, 408, 429, 5xx). */
  answerRetries?: number;
  answerBaseDelayMs?: number;
  answerMaxDelayMs?: number;
  /** Timeout of one attempt to send an answer. */
  answerTimeoutMs?: number;
}

type AnswerSettings = Required<TaxSimulatorOptions>;

// About half a minute of retries: long enough for our API to restart, short enough not to linger in tests.
const ANSWER_DEFAULTS: Omit<AnswerSettings, 'answerDelayMs'> = {
  answerRetries: 6,
  answerBaseDelayMs: 500,
  answerMaxDelayMs: 10_000,
  answerTimeoutMs: 5_000,
};

const checkPush = checkingCertifiedCount(compileSchema<TaxPush>(taxPushSchema));

/** One push as the bureau remembers it, with the state of its answer. */
interface Receipt {
  /** The result as first pushed, to tell a repeat from a different push under the same key. */
  request: string;
  receipt: TaxReceipt;
  answer: Omit<TaxAnswer, 'answeredAt'>;
  /** The latest push's callback: a repeat may name a new one (our API restarted elsewhere, or with a new token). */
  callback: TaxCallback;
  /** Set when the answer is first sent, and kept for every attempt after. */
  answeredAt?: string;
  /** sending: waiting or being sent; delivered: taken; refused: a 4xx that sending again would not change; given-up. */
  /** `withheld`: a silent bureau never answers this push, however often it is repeated. */
  delivery: 'sending' | 'delivered' | 'refused' | 'given-up' | 'withheld';
}

/** The receiver could not take the answer now; another attempt may succeed. */
class AnswerNotTaken extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

// The result's own fields only: the callback may change between repeats of one push.
const canonical = (r: TaxPush) => JSON.stringify([r.uscc, r.year, r.certifiedCount, r.requiredCount, r.filingId]);

/** A timer that does not keep the process alive: an answer still due must not hold up a stopping program. */
const unrefSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function sendAnswer(entry: Receipt, settings: AnswerSettings): Promise<void> {
  entry.answeredAt ??= new Date().toISOString();
  const body = JSON.stringify({ ...entry.answer, answeredAt: entry.answeredAt });
  try {
    await retryWithBackoff(
      async () => {
        const { url, token } = entry.callback;
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
            signal: AbortSignal.timeout(settings.answerTimeoutMs),
          });
        } catch (error) {
          throw new AnswerNotTaken(`network error: ${(error as Error).message}`);
        }
        await response.body?.cancel();
        if (response.ok) return;
        if (response.status >= 500 || response.status === 408 || response.status === 429) {
          throw new AnswerNotTaken(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
        }
        throw new Error(`HTTP ${response.status}`);
      },
      {
        retries: settings.answerRetries,
        baseDelayMs: settings.answerBaseDelayMs,
        maxDelayMs: settings.answerMaxDelayMs,
        isRetryable: (error) => error instanceof AnswerNotTaken,
        // A receiver that says when to come back knows best, within the back-off's cap.
        requestedDelayMs: (error) => {
          const asked = (error as AnswerNotTaken).retryAfterMs;
          return asked === undefined ? undefined : Math.min(asked, settings.answerMaxDelayMs);
        },
        sleep: unrefSleep,
      },
    );
    entry.delivery = 'delivered';
  } catch (error) {
    entry.delivery = error instanceof AnswerNotTaken ? 'given-up' : 'refused';
  }
}

function scheduleAnswer(entry: Receipt, settings: AnswerSettings): void {
  entry.delivery = 'sending';
  setTimeout(() => void sendAnswer(entry, settings), settings.answerDelayMs).unref();
}

export function createTaxRouter(records: readonly TaxResultRecord[], receipts: Map<string, Receipt>, settings: AnswerSettings): Router {
  const byUnitYear = new Map(records.map((record) => [`${record.uscc}:${record.year}`, record]));
  const pushesOf = new Map<string, number>();
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.post('/certified-results', (req, res) => {
    const key = req.get('idempotency-key');
    if (!key) {
      res.status(400).json({ error: 'bad_request', message: 'an Idempotency-Key header is required' });
      return;
    }
    const checked = checkPush(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const push = checked.value;

    const earlier = receipts.get(key);
    if (earlier) {
      // The same key for another result is a caller bug; answering the old receipt would hide it.
      if (earlier.request !== canonical(push)) {
        res.status(409).json({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for a different result' });
        return;
      }
      earlier.callback = push.callback;
      // The answer goes once; only one that never arrived is sent again, now that the caller asks anew.
      if (earlier.delivery === 'refused' || earlier.delivery === 'given-up') scheduleAnswer(earlier, settings);
      res.json(earlier.receipt);
      return;
    }

    const record = byUnitYear.get(`${push.uscc}:${push.year}`);
    const receiptId = `TAX-${push.year}-${randomUUID()}`;
    const entry: Receipt = {
      request: canonical(push),
      receipt: { receiptId, receivedAt: new Date().toISOString() },
      answer: {
        receiptId,
        filingId: push.filingId,
        uscc: push.uscc,
        year: push.year,
        consistent: record?.consistent ?? true,
        levyCollected: record?.levyCollected ?? 0,
      },
      callback: push.callback,
      delivery: 'sending',
    };
    receipts.set(key, entry);
    if (receipts.size > MAX_RECEIPTS) receipts.delete(receipts.keys().next().value!);
    res.json(entry.receipt);
    const unitYear = `${push.uscc}:${push.year}`;
    const pushes = (pushesOf.get(unitYear) ?? 0) + 1;
    pushesOf.set(unitYear, pushes);
    // A silent bureau: the receipt, and then nothing, as long as the record says so.
    if (pushes <= (record?.unansweredPushes ?? 0)) {
      entry.delivery = 'withheld';
      return;
    }
    scheduleAnswer(entry, settings);
  });

  // The levy collected per unit for a levy year (附件2 §三): the records of that year, in USCC order, a page at a time.
  const sortedRecords = [...records].sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  router.get('/levy-collections', (req, res) => {
    const year = Number(req.query.year);
    const limit = req.query.limit === undefined ? MAX_LEVY_PAGE : Number(req.query.limit);
    const after = typeof req.query.after === 'string' ? req.query.after : null;
    if (!Number.isInteger(year) || year < 2000 || year > 2100 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LEVY_PAGE) {
      res.status(400).json({ error: 'bad_request', message: `year (2000–2100) is required, limit at most ${MAX_LEVY_PAGE}` });
      return;
    }
    const ofYear = sortedRecords.filter((r) => r.year === year && (after === null || r.uscc > after));
    const page = ofYear.slice(0, limit);
    const items: LevyCollection[] = page.map((r) => ({ uscc: r.uscc, year: r.year, amount: r.levyCollected, collectedOn: r.collectedOn ?? null }));
    res.json({ items, next: ofYear.length > limit ? page[page.length - 1]!.uscc : null });
  });

  return router;
}

/** The file is optional: without it every unit is consistent and nothing was collected. */
async function loadRecords(dataDir: string): Promise<TaxResultRecord[]> {
  try {
    await access(path.join(dataDir, TAX_DATA_FILE));
  } catch {
    return [];
  }
  return loadDataFile<TaxResultRecord>(dataDir, TAX_DATA_FILE, taxResultRecordSchema, {
    uniqueKey: (record) => `${record.uscc} ${record.year}`,
  });
}

/** Each simulator keeps its receipts across data reloads, as a bureau does not forget a push when its data change. */
export function createTaxSimulator(options: TaxSimulatorOptions = {}): SimulatedDepartment {
  const receipts = new Map<string, Receipt>();
  return {
    name: 'tax',
    async load(dataDir) {
      const settings: AnswerSettings = {
        ...ANSWER_DEFAULTS,
        ...options,
        answerDelayMs: options.answerDelayMs ?? loadConfig().taxSimAnswerDelayMs,
      };
      return createTaxRouter(await loadRecords(dataDir), receipts, settings);
    },
  };
}

export const taxSimulator: SimulatedDepartment = createTaxSimulator();
