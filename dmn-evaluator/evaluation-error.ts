// The error of evaluating a decision whose rules cannot be evaluated as written.

/** The decision's rules cannot be evaluated as written. Its message names decisions, rules and outputs, never a value. */
export class DecisionEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionEvaluationError';
  }
}
