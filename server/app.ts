// Assembles the express application from its routers. Starting and stopping live in server/system.ts.
import { isUtf8 } from 'node:buffer';
import express from 'express';
import { requestGuard } from '../platform/http/request-guard.ts';
import { requestId } from '../platform/http/request-id.ts';
import { accessLog } from '../platform/http/access-log.ts';
import { partLog, type Log } from '../platform/log.ts';
import { metricsRouter } from './metrics-endpoint.ts';
import { calendarRouter } from '../calendar/calendar-routes.ts';
import { incidentRouter } from '../operations/incident-routes.ts';
import { dashboardRouter } from '../operations/dashboard-routes.ts';
import { annualReportRouter } from '../annual-report/annual-report-routes.ts';
import { rewardRouter } from '../rewards/reward-routes.ts';
import { OVER_QUOTA_REWARD_PROCESS } from '../rewards/reward-store.ts';
import { ANNUAL_REPORT_PROCESS } from '../annual-report/report-store.ts';
import { certificateRouter } from '../certificates/certificate-routes.ts';
import { documentRouter } from '../documents/document-routes.ts';
import type { FilingRules } from '../filings/declaration/validate-filing.ts';
import { importRouter } from '../employee-import/import-routes.ts';
import { HistoryImporter } from '../review-history/history-import-job.ts';
import { historyRouter } from '../review-history/history-routes.ts';
import { lastHistoryYear } from '../review-history/history-years.ts';
import { notificationRouter } from '../notifications/notification-routes.ts';
import type { Config } from '../platform/config.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { Problem } from '../platform/problem.ts';
import { filingSeasonGate } from '../season/season-gate.ts';
import { filingSeasonRouter } from '../season/season-routes.ts';
import { devLoginRouter } from '../sign-in/dev-login-routes.ts';
import { employerRouter } from '../employers/employer-routes.ts';
import { registrationRouter } from '../employers/registration-routes.ts';
import { createRegistrationClient } from '../connectors/registration/client.ts';
import { signInOf } from '../sign-in/sign-in.ts';
import { filingRouter } from '../filings/filing-routes.ts';
import { nationalPlatformRouter } from '../national-platform/inbound-routes.ts';
import { DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import { taxAnswerRouter } from '../tax-handover/tax-answer-routes.ts';
import { feedbackRouter } from '../filings/feedback-routes.ts';
import { declarationRouter } from '../filings/declaration-routes.ts';
import { lastYearRouter } from '../filings/last-year-routes.ts';
import { ratingRouter } from '../ratings/rating-routes.ts';
import { supervisionRouter } from '../supervision/supervision-routes.ts';
import { unitRouter } from '../units/unit-routes.ts';
import { healthRouter, operationsHealthRouter, systemHealth, type SystemHealth, type WorkerStatus } from './health.ts';
import type { RequestDrain } from './request-drain.ts';
import { ANNUAL_REVIEW_PROCESS_ID } from '../filings/filing-store.ts';

/** The timer-started process that reminds units in the concentrated filing period (processes/season-reminders.bpmn). */
const SEASON_REMINDERS_PROCESS_ID = 'season-reminders';
/** The timer-started process that reminds the cities of post certificates about to end (processes/staff-certificate-reminders.bpmn). */
const STAFF_REMINDERS_PROCESS_ID = 'staff-certificate-reminders';
/** The cities' annual reports: the yearly timer that opens them, and the report itself (processes/annual-report*.bpmn). */
const ANNUAL_REPORT_PROCESS_IDS = ['annual-report-start', ANNUAL_REPORT_PROCESS] as const;
/** Over-quota rewards: the yearly timer that opens each city's round, and the round (processes/over-quota-reward*.bpmn). */
const OVER_QUOTA_REWARD_PROCESS_IDS = ['over-quota-reward-start', OVER_QUOTA_REWARD_PROCESS] as const;
/** The processes the system is not ready without. */
export const REQUIRED_PROCESS_IDS = [
  ANNUAL_REVIEW_PROCESS_ID,
  SEASON_REMINDERS_PROCESS_ID,
  STAFF_REMINDERS_PROCESS_ID,
  ...ANNUAL_REPORT_PROCESS_IDS,
  ...OVER_QUOTA_REWARD_PROCESS_IDS,
] as const;
import { taskRouter } from '../tasks/task-routes.ts';
import { staffRouter } from '../staff/staff-routes.ts';
import { CheckRunner } from '../deployment/check-runner.ts';
import { deploymentRouter } from '../deployment/deployment-routes.ts';
import { policyPreviewRouter } from '../impact-preview/preview-routes.ts';
import { definitionRouter } from '../deployment/definition-routes.ts';
import { elementTemplateRouter } from '../workers/element-template-routes.ts';
import { deadlineRouter } from '../deadlines/deadline-routes.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { errorHandler } from '../platform/http/http.ts';
import { refusalAudit } from '../platform/http/audit.ts';
import { pagesRouter } from './pages.ts';
import { apiDocsRouter } from './api-docs-routes.ts';
import { sessionsFor } from '../sign-in/sessions.ts';
import { sessionRouter } from '../sign-in/session-routes.ts';
import { oidcRouter } from '../sign-in/oidc-routes.ts';
import { OidcRelyingParty } from '../sign-in/oidc-relying-party.ts';
import { findStaff } from '../staff/staff-store.ts';
import { securityHeaders } from '../platform/http/security-headers.ts';

export interface AppOptions {
  config: Config;
  db: Db;
  /** The engine's REST API; undefined where no engine is configured (task and deployment calls answer 503). */
  engine?: EngineRest;
  /** The worker runtime's state, for readiness. */
  workerStatus?: () => WorkerStatus | undefined;
  /** Called after a transaction left an engine command in the outbox (a filing's process start, a message for its process), to send it now. */
  nudgeOutbox?: () => void;
  /** Where departments send later answers and the token they send (the workers hand both out); one of its own unless given. */
  callbacks?: DepartmentCallbacks;
  /** The API's log (platform/log.ts): access lines and what goes wrong. */
  log?: Log;
  now?: () => Date;
  /** The deployment checks' thread; one of the app's own (never keeping the process running) unless given. */
  checks?: CheckRunner;
  /** The OpenID Connect provider's relying party; OIDC_ISSUER's unless given (server/system.ts gives the embedded provider's). */
  relyingParty?: OidcRelyingParty;
  /** The health, checked in the background (server/system.ts starts it); one checked when read, at most every HEALTH_REFRESH_MS, unless given. */
  health?: SystemHealth;
  /** Counts requests in flight and refuses new ones once the system stops (server/system.ts). */
  drain?: RequestDrain;
}

/** Review years a filing may name: the previous calendar year in season, any recent year in a training installation. */
export function filingRules(config: Config, today: Date): FilingRules {
  // The year in China, not on the server's clock: on 1 January before 08:00 UTC it is already the new year there.
  const thisYear = chinaYearOf(today);
  const open = config.filingSeason === 'open';
  return {
    maxEmployees: config.maxEmployeesPerFiling,
    yearFrom: open ? 2015 : thisYear - 1,
    yearTo: open ? thisYear : thisYear - 1,
    today,
  };
}

// The history workbook's limits: 100 000 unit-years with their employees are some 10 MB zipped and read in seconds.
const HISTORY_MAX_BYTES = 64 * 1024 * 1024;
const HISTORY_READ_TIMEOUT_MS = 180_000;
const HISTORY_READ_MEMORY_MB = 1536;

export function createApp({ config, db, engine, workerStatus = () => undefined, nudgeOutbox, callbacks, log = partLog('api'), now = () => new Date(), checks = new CheckRunner({ timeoutMs: config.deploymentCheckTimeoutMs }), relyingParty, health = systemHealth({ config, db, engine, workerStatus, processKeys: REQUIRED_PROCESS_IDS, log }), drain }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // First: every answer — a refusal while stopping included — carries its id and has its access line.
  app.use(requestId());
  app.use(accessLog(log));
  if (drain) app.use(drain.middleware());
  app.use(securityHeaders());
  app.use(requestGuard(config.bodyLimitBytes));
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      // Bytes that are not UTF-8 would otherwise become U+FFFD and be stored as if the person had typed them.
      verify: (_req, _res, buf) => {
        if (!isUtf8(buf)) throw Object.assign(new Error('request body is not UTF-8'), { type: 'entity.verify.failed', status: 400 });
      },
    }),
  );
  const sessions = sessionsFor(db, config, now);

  app.use(apiDocsRouter());
  app.use(healthRouter(health));
  app.use(metricsRouter({ health, engine, token: config.metricsToken }));
  // Never in production: signInOf refuses to let a production installation start without an identity provider.
  const signIn = signInOf(config);
  if (signIn.development) app.use(devLoginRouter({ db, sessions }));
  app.use(sessionRouter({ db, sessions }));
  app.use(
    oidcRouter({
      db,
      sessions,
      signIn,
      relyingParty: relyingParty ?? (signIn.provider === 'configured' ? new OidcRelyingParty(signIn) : undefined),
      secret: config.sessionSecret,
      usccClaim: config.oidcUsccClaim,
      findStaff: (sub) => findStaff(db, sub),
      publicBaseUrl: config.publicBaseUrl,
      log,
    }),
  );
  const seasonOpen = config.filingSeason === 'open';
  const admitBySeason = filingSeasonGate({ db, open: seasonOpen, now });
  app.use(filingRouter({ db, sessions, rules: () => filingRules(config, now()), admitBySeason, now, ...(nudgeOutbox ? { nudgeOutbox } : {}), ...(engine ? { engine } : {}) }));
  // 跨省通办: filings the national platform delivers; taken whatever Zhejiang's season, as the other office received them.
  app.use(nationalPlatformRouter({ db, token: config.nationalPlatformToken, rules: () => filingRules(config, now()), ...(nudgeOutbox ? { nudgeOutbox } : {}) }));
  app.use(feedbackRouter({ db, sessions, engine, ...(nudgeOutbox ? { nudgeOutbox } : {}) }));
  app.use(declarationRouter({ db, sessions, engine, rules: () => filingRules(config, now()) }));
  app.use(lastYearRouter({ db, sessions }));
  app.use(ratingRouter({ db, sessions }));
  app.use(supervisionRouter({ db, sessions, now, ...(engine ? { engine } : {}) }));
  app.use(employerRouter({ db, sessions }));
  app.use(unitRouter({ db, sessions }));
  app.use(registrationRouter({ db, sessions, registration: createRegistrationClient(config) }));
  app.use(taskRouter({ db, sessions, engine, now }));
  app.use(staffRouter({ db, sessions, engine, now }));
  app.use(deploymentRouter({ db, sessions, engine, checks, checksPerMinute: config.deploymentChecksPerMinute }));
  app.use(
    policyPreviewRouter({
      db,
      sessions,
      engine,
      checks,
      timeoutMs: config.previewTimeoutMs,
      memoryMb: config.previewMemoryMb,
      ...(config.previewThreads > 0 ? { threads: config.previewThreads } : {}),
    }),
  );
  app.use(definitionRouter({ db, sessions, engine }));
  app.use(elementTemplateRouter({ sessions }));
  app.use(deadlineRouter({ db, sessions, engine }));
  app.use(calendarRouter({ db, sessions, ...(engine ? { engine } : {}) }));
  app.use(incidentRouter({ db, sessions, ...(engine ? { engine } : {}) }));
  app.use(operationsHealthRouter({ health, sessions, db }));
  app.use(dashboardRouter({ db, sessions, stuckAfterWorkingDays: config.operationsStuckWorkingDays, ...(engine ? { engine } : {}) }));
  app.use(filingSeasonRouter({ db, sessions, open: seasonOpen, now }));
  app.use(documentRouter({ db, sessions, dir: config.documentDir, maxBytes: config.documentMaxBytes, now, uploadsPerMinute: config.documentUploadsPerMinute }));
  app.use(
    importRouter({
      sessions,
      rules: () => filingRules(config, now()),
      maxBytes: config.documentMaxBytes,
      now,
      perMinute: config.importsPerMinute,
      reading: { timeoutMs: config.importTimeoutMs, memoryMb: config.importMemoryMb, threads: config.importThreads },
    }),
  );
  // The 2020–2021 review history (docs/review-history.md): a province's workbook is far larger than an employee list.
  const historyImporter = new HistoryImporter({ db, reading: { timeoutMs: HISTORY_READ_TIMEOUT_MS, memoryMb: HISTORY_READ_MEMORY_MB }, lastYear: () => lastHistoryYear(now()), now, log });
  app.use(historyRouter({ db, sessions, importer: historyImporter, lastYear: () => lastHistoryYear(now()), maxBytes: HISTORY_MAX_BYTES, perMinute: config.importsPerMinute }));
  app.use(taxAnswerRouter({ db, callbacks: callbacks ?? new DepartmentCallbacks(config), ...(nudgeOutbox ? { nudgeOutbox } : {}) }));
  app.use(notificationRouter({ db, sessions, now }));
  app.use(certificateRouter({ db, sessions, publicBaseUrl: config.publicBaseUrl, fontPath: config.certificateFont }));
  app.use(annualReportRouter({ db, sessions, now, ...(engine ? { engine } : {}) }));
  app.use(rewardRouter({ db, sessions, now }));
  app.use(pagesRouter(config.webDir));
  app.use('/api', (_req, _res, next) => next(new Problem(404, '接口不存在')));
  app.use((_req, _res, next) => next(new Problem(404, '页面不存在')));
  app.use(errorHandler(log, { onRefused: refusalAudit(db) }));
  return app;
}
