// Which X-Request-Id a caller may set: a well-formed one, never anything that could be a person's ID number (the id
// becomes a process variable, where personal numbers never go).
import { describe, expect, it } from 'vitest';
import { acceptedRequestId } from '../../platform/http/request-id.ts';

describe('acceptedRequestId', () => {
  it('takes what proxies and clients send', () => {
    for (const id of ['6c1f0e1a-2b0d-4f7e-9d7c-1c2b3a4d5e6f', 'abc-logs-and-metrics-0001', 'req.2026_12_08:0001']) {
      expect(acceptedRequestId(id)).toBe(id);
    }
  });

  it('refuses what is missing, short, long, oddly spelt or holds a long run of digits', () => {
    for (const id of [undefined, '', 'short', 'x'.repeat(129), 'has space in it', '-leading-dash', 'id<script>', '330106199001011236', 'id-330106199001011236', 'n123456789012345']) {
      expect(acceptedRequestId(id)).toBeUndefined();
    }
  });
});
