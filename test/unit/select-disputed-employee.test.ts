// The `select-disputed-employee` job handler: each instance of the multi-instance manual review gets its own
// employee from the normalised list, and a position or list that cannot be right is a business error, not a guess.
import { describe, expect, it } from 'vitest';
import { createSelectDisputedEmployeeHandler } from '../../workers/select-disputed-employee.ts';

const job = (variables: unknown) => ({ key: 'task-1', variables, retries: 3 });
const handler = createSelectDisputedEmployeeHandler();

describe('select-disputed-employee handler', () => {
  it('gives each position (the loopCounter, from 0) its employee number', async () => {
    expect(await handler(job({ disputedEmployees: '2,5,11', position: 0 }))).toEqual({ kind: 'complete', variables: { employeeNumber: 2 } });
    expect(await handler(job({ disputedEmployees: '2,5,11', position: 2 }))).toEqual({ kind: 'complete', variables: { employeeNumber: 11 } });
  });

  it('refuses a position past the list, a list that is not numbers, and missing variables', async () => {
    expect(await handler(job({ disputedEmployees: '2,5', position: 2 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await handler(job({ disputedEmployees: 'x', position: 0 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await handler(job({ position: 0 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await handler(job({ disputedEmployees: '1', position: -1 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
  });
});
