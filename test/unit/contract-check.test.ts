// The integration tests' response check (test/support/contract-check.ts) catches what it is there to catch: a field
// the contract does not publish, a wrong type, a status or a problem code it does not list.
import { describe, expect, it } from 'vitest';
import { contractFor, contractViolations } from '../support/contract-check.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const stored = { id: '6f1c1d8e-5d1e-4c55-9d35-1f1c1d8e5d1e', status: 'submitted', notices: [] };

describe('the response check', () => {
  it('finds the route, the literal path before a parameter', () => {
    expect(contractFor('GET', '/api/filings/abc?reveal=personal')?.operationId).toBe('getFiling');
    expect(contractFor('POST', '/api/filings')?.operationId).toBe('createFiling');
    expect(contractFor('GET', '/api/nothing-here')).toBeUndefined();
  });

  it('passes an answer that keeps the contract', () => {
    expect(contractViolations('POST', '/api/filings', 201, JSON_TYPE, stored)).toEqual([]);
    expect(contractViolations('POST', '/api/filings', 409, PROBLEM_TYPE, { type: 'about:blank', title: '已有', status: 409, code: 'FILING_EXISTS' })).toEqual([]);
  });

  it('names a field the contract does not publish, and a wrong type', () => {
    expect(contractViolations('POST', '/api/filings', 201, JSON_TYPE, { ...stored, extra: 1 })).toEqual([expect.stringContaining('/extra UNKNOWN_FIELD')]);
    expect(contractViolations('POST', '/api/filings', 201, JSON_TYPE, { ...stored, notices: 'none' })).toEqual([expect.stringContaining('/notices FORMAT')]);
  });

  it('names a status and a problem code the contract does not list', () => {
    expect(contractViolations('POST', '/api/filings', 418, PROBLEM_TYPE, { type: 'about:blank', title: 't', status: 418 })).toEqual([expect.stringContaining('status 418 is not in the contract')]);
    expect(contractViolations('POST', '/api/filings', 409, PROBLEM_TYPE, { type: 'about:blank', title: 't', status: 409, code: 'SOMETHING_ELSE' })).toEqual([
      expect.stringContaining('problem code SOMETHING_ELSE'),
    ]);
  });

  it('leaves answers that are not JSON alone', () => {
    expect(contractViolations('GET', '/api/docs', 200, 'text/html; charset=utf-8', '<!DOCTYPE html>')).toEqual([]);
  });
});
