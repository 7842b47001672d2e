// Every route's contract, by capability: what GET /api/openapi.json publishes and the contract tests hold the
// server to.
import { annualReportContracts } from './annual-report.ts';
import { rewardContracts } from './rewards.ts';
import { calendarContracts } from './calendar.ts';
import { certificateContracts } from './certificates.ts';
import { deadlineContracts } from './deadlines.ts';
import { deploymentContracts } from './deployment.ts';
import { documentContracts } from './documents.ts';
import { elementTemplateContracts } from './element-templates.ts';
import { employeeImportContracts } from './employee-import.ts';
import { employerContracts } from './employers.ts';
import { filingContracts } from './filings.ts';
import { impactPreviewContracts } from './impact-preview.ts';
import { lastYearStartContracts } from './last-year-start.ts';
import { nationalPlatformContracts } from './national-platform.ts';
import { notificationContracts } from './notifications.ts';
import { operationsContracts } from './operations.ts';
import { ratingContracts } from './ratings.ts';
import { reviewHistoryContracts } from './review-history.ts';
import type { RouteContract } from './route-contract.ts';
import { serviceUnavailable } from './common-problems.ts';
import { seasonContracts } from './season.ts';
import { signInContracts } from './sign-in.ts';
import { staffContracts } from './staff.ts';
import { supervisionContracts } from './supervision.ts';
import { systemContracts } from './system.ts';
import { taskContracts } from './tasks.ts';
import { taxHandoverContracts } from './tax-handover.ts';
import { unitContracts } from './units.ts';

/**
 * Any route may answer 503 while the database is away or the service stops: added to each contract, merged into a
 * 503 it already has (the engine away); a route whose 503 is a success body of its own (the health) keeps that.
 */
function answersUnavailable(contract: RouteContract): RouteContract {
  if (contract.responses[503]) return contract;
  const own = contract.problems.find((p) => p.status === 503);
  if (!own) return { ...contract, problems: [...contract.problems, serviceUnavailable] };
  const merged = {
    status: 503,
    description: { zh: `${own.description.zh}；或${serviceUnavailable.description.zh}`, en: `${own.description.en}; or ${serviceUnavailable.description.en}` },
    codes: [...(own.codes ?? []), ...(serviceUnavailable.codes ?? [])],
  };
  return { ...contract, problems: contract.problems.map((p) => (p === own ? merged : p)) };
}

export const CONTRACTS: readonly RouteContract[] = ([
  ...systemContracts,
  ...signInContracts,
  ...staffContracts,
  ...filingContracts,
  ...lastYearStartContracts,
  ...taskContracts,
  ...documentContracts,
  ...certificateContracts,
  ...ratingContracts,
  ...employerContracts,
  ...employeeImportContracts,
  ...reviewHistoryContracts,
  ...calendarContracts,
  ...seasonContracts,
  ...deadlineContracts,
  ...deploymentContracts,
  ...elementTemplateContracts,
  ...impactPreviewContracts,
  ...notificationContracts,
  ...operationsContracts,
  ...annualReportContracts,
  ...rewardContracts,
  ...supervisionContracts,
  ...unitContracts,
  ...nationalPlatformContracts,
  ...taxHandoverContracts,
] as readonly RouteContract[]).map(answersUnavailable);
