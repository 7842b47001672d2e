// The shapes of the medical-security integration: a record in medical.json (docs/contracts.md §3), the
// contribution query and its answer, which a real department's adapter must speak too. Medical security speaks
// the contribution query shared with HRSS pension (connectors/person-month-query/contributions.ts).
export { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery as MedicalQuery } from '../person-month-query/schema.ts';
export { contributionService as medicalService, type ContributionRecord as MedicalRecord } from '../person-month-query/contributions.ts';
