// Every route's contract, by capability: what GET /api/openapi.json publishes and the contract tests hold the
// server to.
import { calendarContracts } from './calendar.ts';
import { deadlineContracts } from './deadlines.ts';
import { deploymentContracts } from './deployment.ts';
import { impactPreviewContracts } from './impact-preview.ts';
import { nationalPlatformContracts } from './national-platform.ts';
import { notificationContracts } from './notifications.ts';
import { operationsContracts } from './operations.ts';
import type { RouteContract } from './route-contract.ts';
import { seasonContracts } from './season.ts';
import { taxHandoverContracts } from './tax-handover.ts';

export const CONTRACTS: readonly RouteContract[] = [
  ...calendarContracts,
  ...seasonContracts,
  ...deadlineContracts,
  ...deploymentContracts,
  ...impactPreviewContracts,
  ...notificationContracts,
  ...operationsContracts,
  ...nationalPlatformContracts,
  ...taxHandoverContracts,
];
