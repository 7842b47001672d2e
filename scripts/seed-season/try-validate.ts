import pg from 'pg';
import { validateFiling } from '../../filings/declaration/validate-filing.ts';
const c = new pg.Client('postgres://postgres@127.0.0.1:5432/dpf_scale_try'); await c.connect();
const { rows } = await c.query('select declaration from filings order by random() limit 3000');
let bad = 0; const codes = new Map<string, number>();
for (const r of rows) { const v = validateFiling(r.declaration, { maxEmployees: 2000, yearFrom: 2020, yearTo: 2026, today: new Date() }); if (!v.ok) { bad++; for (const i of v.issues) codes.set(i.path.replace(/\d+/g,'n') + ' ' + i.code, (codes.get(i.path.replace(/\d+/g,'n') + ' ' + i.code) ?? 0) + 1); } }
console.log(bad, rows.length, [...codes].slice(0, 20));
const d = await c.query(`select count(*) from (select employer_uscc, year from filings group by 1,2 having count(*)>1) x`); console.log('dups', d.rows);
const e = await c.query(`select jsonb_array_length(declaration->'employees') n, count(*) from filings group by 1 order by 1`); console.log(e.rows.map(r=>r.n+':'+r.count).join(' '));
await c.end();
