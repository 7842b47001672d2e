import { describe, expect, it, vi } from 'vitest';
import type { RegistrationClient } from '../../connectors/registration/client.ts';
import type { RegistrationRecord } from '../../connectors/registration/schema.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createCheckRegistrationHandler, type DeclaredEmployer } from '../../workers/check-registration.ts';

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const ENTERPRISE = uscc('91330106MA2CD0001');
// The filings the handler can look up, by id: the employer each one declares.
const declared = new Map<string, DeclaredEmployer>();
const employerOf = async (filingId: string): Promise<DeclaredEmployer> => {
  const employer = declared.get(filingId);
  if (!employer) throw new Error(`test: no filing ${filingId}`);
  return employer;
};
let filingCount = 0;
const variables = (employer: Partial<DeclaredEmployer> = {}) => {
  const filingId = `F-2025-${String(++filingCount).padStart(4, '0')}`;
  declared.set(filingId, { uscc: ENTERPRISE, name: '杭州示例科技有限公司', unitNature: 'enterprise', ...employer });
  return { filingId, year: 2025 }; // other process variables are none of this job's business
};
const create = (client: Pick<RegistrationClient, 'lookup'>) => createCheckRegistrationHandler(client, employerOf);
const job = (vars: unknown) => ({ key: '2251799813685249', variables: vars, retries: 3 });

function clientAnswering(answer: RegistrationRecord | null | Error) {
  const lookup = vi.fn<RegistrationClient['lookup']>(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { lookup };
}

const record = (overrides: Partial<RegistrationRecord> = {}): RegistrationRecord => ({
  uscc: ENTERPRISE,
  name: '杭州示例科技有限公司',
  registrar: 'samr',
  status: 'active',
  changedAt: '2020-01-01',
  ...overrides,
});

describe('check-registration handler', () => {
  it('asks the registrar named by the USCC, keyed by filing', async () => {
    const client = clientAnswering(record());
    const vars = variables();
    const outcome = await create(client)(job(vars));
    expect(client.lookup).toHaveBeenCalledWith(ENTERPRISE, 'samr', `${vars.filingId}:check-registration`);
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        employerFindings: '',
        registration: {
          registrar: 'samr',
          found: true,
          status: 'active',
          registeredName: '杭州示例科技有限公司',
          nameMatches: true,
          findings: [],
        },
      },
    });
  });

  it('reports an abnormal unit', async () => {
    const outcome = await create(clientAnswering(record({ status: 'abnormal' })))(job(variables()));
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { findings: [{ code: 'EMPLOYER_ABNORMAL', source: 'samr' }] } },
    });
  });

  it('compares names ignoring bracket width and spaces, and flags a different name', async () => {
    const registered = record({ name: '杭州示例（集团）有限公司' });
    const same = await create(clientAnswering(registered))(
      job(variables({ name: '杭州示例(集团) 有限公司' })),
    );
    expect(same).toMatchObject({ variables: { registration: { nameMatches: true } } });
    const other = await create(clientAnswering(registered))(job(variables({ name: '杭州别家有限公司' })));
    expect(other).toMatchObject({ variables: { registration: { nameMatches: false, findings: [] } } });
  });

  it('finds no registrar for a USCC outside 1, 5 and 9 without calling anyone', async () => {
    const client = clientAnswering(null);
    const outcome = await create(client)(job(variables({ uscc: uscc('Y1330106MA2CD0001') })));
    expect(client.lookup).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { registrar: null, found: false, findings: [{ code: 'EMPLOYER_NOT_FOUND', source: null }] } },
    });
  });

  it('raises INVALID_VARIABLES with the field issues', async () => {
    const client = clientAnswering(null);
    const handler = create(client);
    const missing = await handler(job({ employer: { uscc: ENTERPRISE } }));
    expect(missing).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(missing.kind === 'bpmnError' && missing.message).toContain('/filingId REQUIRED');
    // A stored employer whose USCC no longer passes its check digit never reaches a department.
    const badDigit = await handler(job(variables({ uscc: ENTERPRISE.slice(0, 17) + (ENTERPRISE.endsWith('0') ? '1' : '0') })));
    expect(badDigit.kind === 'bpmnError' && badDigit.message).toContain('/filingId EMPLOYER_USCC_INVALID');
    expect(client.lookup).not.toHaveBeenCalled();
  });

  it('fails the job when the department is unavailable, so the engine retries and then raises an incident', async () => {
    const error = new DepartmentUnavailable('registration', 'GET', '/samr/units/x', 4, 'HTTP 503');
    const outcome = await create(clientAnswering(error))(job(variables()));
    expect(outcome).toEqual({ kind: 'fail', message: expect.stringContaining(error.message) });
    // What the operator reads on the incident: the department in Chinese, what to do, then the detail.
    expect(outcome.kind === 'fail' && outcome.message).toMatch(/^单位登记管理部门.*暂时无法访问.*Cockpit 中重试 \/ check-registration: /);
  });

  it('fails the job when the department rejects the request', async () => {
    const error = new DepartmentRejected('registration', 'GET', '/samr/units/x', 403, 'forbidden');
    const outcome = await create(clientAnswering(error))(job(variables()));
    expect(outcome).toMatchObject({ kind: 'fail' });
  });

  it('raises DEPARTMENT_BAD_DATA on a malformed answer', async () => {
    const error = new DepartmentBadAnswer('registration', 'GET', '/samr/units/x', 200, [{ path: '/status', code: 'FORMAT' }]);
    const outcome = await create(clientAnswering(error))(job(variables()));
    expect(outcome).toMatchObject({ kind: 'bpmnError', errorCode: 'DEPARTMENT_BAD_DATA' });
    expect(outcome.kind === 'bpmnError' && outcome.message).toContain('/status FORMAT');
  });

  it('fails the job on an unexpected error instead of throwing', async () => {
    const outcome = await create(clientAnswering(new Error('boom')))(job(variables()));
    expect(outcome).toEqual({ kind: 'fail', message: 'check-registration: unexpected error: boom' });
  });
});
