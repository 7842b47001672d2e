// Every route's contract, by capability: what GET /api/openapi.json publishes and the contract tests hold the
// server to.
import type { RouteContract } from './route-contract.ts';
import { systemContracts } from './system.ts';

export const CONTRACTS: readonly RouteContract[] = [
  ...systemContracts,
];
