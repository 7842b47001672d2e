// Tests build their declarations from the same synthetic generator the template and the benchmark use.
export { syntheticEmployee, syntheticFiling } from '../../domain/synthetic-filing.ts';
