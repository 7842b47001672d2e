// Every route's contract, by capability: what GET /api/openapi.json publishes and the contract tests hold the
// server to.
import { certificateContracts } from './certificates.ts';
import { documentContracts } from './documents.ts';
import { employeeImportContracts } from './employee-import.ts';
import { employerContracts } from './employers.ts';
import { filingContracts } from './filings.ts';
import { ratingContracts } from './ratings.ts';
import type { RouteContract } from './route-contract.ts';
import { signInContracts } from './sign-in.ts';
import { systemContracts } from './system.ts';
import { taskContracts } from './tasks.ts';

export const CONTRACTS: readonly RouteContract[] = [
  ...systemContracts,
  ...signInContracts,
  ...filingContracts,
  ...taskContracts,
  ...documentContracts,
  ...certificateContracts,
  ...ratingContracts,
  ...employerContracts,
  ...employeeImportContracts,
];
