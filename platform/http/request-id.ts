// Every request has an id: the caller's `X-Request-Id` when it is a well-formed one (a proxy's, a client's), else one
// of ours. It is answered in the same header and is the `requestId` of every log line the request causes — here,
// in the outbox row it leaves (outbox/outbox-commands.ts), and in the process and its external tasks after that.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext } from '../log.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Letters, digits and a few separators, 8 to 128 of them; never a run of 15 digits or more, which could be a
// person's ID number (the id becomes a process variable, where personal numbers never go).
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;
const LONG_DIGIT_RUN = /\d{15,}/;

/** The caller's id if it may be used as it is; undefined otherwise (then the request gets one of ours). */
export function acceptedRequestId(value: string | undefined): string | undefined {
  return value !== undefined && WELL_FORMED.test(value) && !LONG_DIGIT_RUN.test(value) ? value : undefined;
}

export function requestId() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = acceptedRequestId(req.get(REQUEST_ID_HEADER)) ?? randomUUID();
    res.set(REQUEST_ID_HEADER, id);
    withLogContext({ requestId: id }, next);
  };
}
