// `npx tsx scripts/example-filing.ts [seed] [employees]`: prints a valid synthetic declaration (made-up unit and
// people, correct check digits) to try the API with.
import { syntheticFiling } from '../domain/synthetic-filing.ts';

const [seed = '1', employees = '3'] = process.argv.slice(2);
console.log(JSON.stringify(syntheticFiling(Number(seed), { employees: Number(employees) }), null, 2));
