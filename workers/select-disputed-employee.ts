// Job type `select-disputed-employee`: the multi-instance manual review makes one review per disputed employee;
// each instance asks which employee is its own. `disputedEmployees` is the normalised list record-dispute made
// ("1,3"), `position` the instance's loopCounter (0-based). A diagram expression may not call a method such as
// split (docs/engine.md, "What a deployment may contain"), so the picking is a worker's. Pure: no state to repeat.
import { compileSchema } from '../platform/schema.ts';
import { parseEmployeeNumbers } from '../review/typed-numbers.ts';
import { bpmnError, complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/select-disputed-employee.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'select-disputed-employee';

export interface SelectDisputedEmployeeVariables {
  disputedEmployees: string;
  position: number;
}

export interface SelectDisputedEmployeeResult {
  /** The employee's 1-based position in the declaration. */
  employeeNumber: number;
}

const checkVariables = compileSchema<SelectDisputedEmployeeVariables>({
  type: 'object',
  required: ['disputedEmployees', 'position'],
  properties: {
    disputedEmployees: { type: 'string', minLength: 1, maxLength: 2000 },
    position: { type: 'integer', minimum: 0, maximum: 9999 },
  },
});

export function createSelectDisputedEmployeeHandler(): JobHandler<SelectDisputedEmployeeVariables, SelectDisputedEmployeeResult> {
  return async (job) => {
    const checked = checkVariables(job.variables);
    if (!checked.ok) {
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${checked.issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    }
    const numbers = parseEmployeeNumbers(checked.value.disputedEmployees);
    const employeeNumber = numbers?.[checked.value.position];
    if (numbers === undefined) return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: /disputedEmployees FORMAT`);
    if (employeeNumber === undefined) {
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: /position OUT_OF_RANGE (${numbers.length} disputed)`);
    }
    return complete({ employeeNumber });
  };
}

export const selectDisputedEmployeeTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['disputedEmployees', 'position'],
  department: null,
  template,
  handler: () => createSelectDisputedEmployeeHandler(),
});
