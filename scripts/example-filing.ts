// `npx tsx scripts/example-filing.ts [seed] [employees]`: prints a valid synthetic declaration (made-up unit and
// people, correct check digits) to try the API with. Its people are in no department's records.
// `npx tsx scripts/example-filing.ts --from-seed [n]`: the declaration of the n-th unit (from 1) of the shipped
// simulator data (connectors/seed-data), with the people the departments know there — the automatic review
// then finds their certificates, contributions and wages, and counts them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Employee, Filing } from '../filings/declaration/filing.ts';
import { syntheticFiling } from '../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../platform/config.ts';

interface Certificate { certNumber: string; idNumber: string; name: string; grade: number; category?: number; kind?: 'veteran' | 'police' }
interface PersonMonth { idNumber: string; uscc: string; month: string }

const seedFile = <T>(name: string): T[] => JSON.parse(readFileSync(path.join(projectRoot, 'connectors', 'seed-data', name), 'utf8')) as T[];

function fromSeed(n: number): Filing {
  const registrations = seedFile<{ uscc: string; name: string; status: string }>('registrations.json');
  const contributions = [...seedFile<PersonMonth>('pension.json'), ...seedFile<PersonMonth>('national-pension.json')];
  const wages = seedFile<PersonMonth & { amount: number }>('wages.json');
  const certificates = new Map<string, Certificate>([
    ...seedFile<Certificate>('dpf-certificates.json').map((c) => [c.idNumber, c] as const),
    ...seedFile<Certificate>('veteran-certificates.json').map((c) => [c.idNumber, c] as const),
  ]);
  const units = registrations
    .filter((r) => r.status === 'active' && r.uscc.startsWith('91') && contributions.some((c) => c.uscc === r.uscc))
    .sort((a, b) => a.uscc.localeCompare(b.uscc));
  const unit = units[n - 1];
  if (!unit) throw new Error(`the seed data has ${units.length} active enterprises with employees; ask for 1–${units.length}`);
  const regionCode = unit.uscc.slice(2, 8);
  const base = syntheticFiling(n, { regionCode, employees: 1 });
  const people = [...new Set(contributions.filter((c) => c.uscc === unit.uscc).map((c) => c.idNumber))].filter((id) => certificates.has(id));
  const employees = people.map((idNumber): Employee => {
    const cert = certificates.get(idNumber)!;
    const paid = wages.filter((w) => w.uscc === unit.uscc && w.idNumber === idNumber);
    const months = paid.map((w) => w.month).sort();
    const first = months[0] ?? '2025-01';
    const last = months.at(-1) ?? '2025-12';
    const lastDay = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 0)).getUTCDate();
    return {
      ...base.employees[0]!,
      name: cert.name,
      idNumber,
      hukouRegionCode: idNumber.slice(0, 6),
      certType: cert.kind ?? 'disability',
      certNumber: cert.certNumber,
      disabilityCategory: cert.kind ? undefined : cert.category,
      disabilityGrade: cert.grade,
      annualWage: Math.round(paid.reduce((sum, w) => sum + w.amount, 0)),
      employedFrom: `${first}-01`,
      employedTo: `${last}-${String(lastDay).padStart(2, '0')}`,
    };
  });
  return { ...base, employer: { ...base.employer, uscc: unit.uscc, name: unit.name, regionCode, dpfAuthority: regionCode }, employees };
}

const args = process.argv.slice(2);
if (args[0] === '--from-seed') {
  console.log(JSON.stringify(fromSeed(Number(args[1] ?? '1')), null, 2));
} else {
  const [seed = '1', employees = '3'] = args;
  console.log(JSON.stringify(syntheticFiling(Number(seed), { employees: Number(employees) }), null, 2));
}
