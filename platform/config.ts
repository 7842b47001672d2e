// Every environment variable the system reads, with its default and meaning, in one place.
// Modules take what they need from `loadConfig()`; nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Variable<T> {
  name: string;
  meaning: string;
  /** The value when unset; a function when it follows other settings (a department's address follows SIM_PORT). */
  default: string | ((env: NodeJS.ProcessEnv) => string);
  parse: (raw: string) => T;
}

/**
 * A department's address at the simulators `npm start` runs: on SIM_PORT (3100 when SIM_PORT is unset or 0, when
 * the departments must be configured one by one) and the host the system listens on (127.0.0.1 for any address).
 */
function simulatedDepartmentUrl(department: string) {
  return (env: NodeJS.ProcessEnv): string => {
    const port = env.SIM_PORT && env.SIM_PORT !== '0' ? env.SIM_PORT : '3100';
    const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}/${department}`;
  };
}

function integer(name: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  };
}

const text = (raw: string): string => raw;

/** A host name that can only mean this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A key or secret: empty (unset), or at least 32 bytes — a short one is guessable. */
export function secret(name: string) {
  return (raw: string): string => {
    if (raw !== '' && Buffer.byteLength(raw, 'utf8') < 32) throw new ConfigError(`${name} must be at least 32 bytes long, got ${Buffer.byteLength(raw, 'utf8')}`);
    return raw;
  };
}

/** An http(s) base address without query, fragment or credentials, kept without trailing slashes; empty = unset. */
function baseUrl(name: string, check: (url: URL, raw: string) => void = () => undefined) {
  return (raw: string): string => {
    if (raw === '') return '';
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
      throw new ConfigError(`${name} must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
    }
    check(url, raw);
    return raw.replace(/\/+$/, '');
  };
}

// Drawn once per process, so every loadConfig() here — the API's and the simulated platform's — gives the same one.
const processNationalPlatformToken = randomBytes(32).toString('base64url');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The declared variables; README's environment table is written from this list. */
export const variables = {
  port: { name: 'PORT', meaning: "API and pages' port (0 = any free port)", default: '3000', parse: integer('PORT', 0, 65535) },
  host: { name: 'HOST', meaning: 'address the API listens on', default: '127.0.0.1', parse: text },
  databaseUrl: {
    name: 'DATABASE_URL',
    meaning: "the system's own PostgreSQL database (created if missing)",
    default: 'postgres://postgres@127.0.0.1:5432/dpf_review',
    parse: text,
  },
  nodeEnv: {
    name: 'NODE_ENV',
    meaning: '"production": a production installation — no development sign-in, no embedded identity provider, and no start without OIDC_ISSUER',
    default: 'development',
    parse: oneOf('NODE_ENV', ['development', 'test', 'production'] as const),
  },
  oidcIssuer: {
    name: 'OIDC_ISSUER',
    meaning:
      'the OpenID Connect provider people sign in with (its issuer; discovery at <issuer>/.well-known/openid-configuration); empty outside production = the embedded development provider; production refuses to start without it',
    default: '',
    // Plain http only on this machine: tokens and the client secret cross this connection.
    parse: baseUrl('OIDC_ISSUER', (url, raw) => {
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        throw new ConfigError(`OIDC_ISSUER must use https unless the provider is on this machine (127.0.0.1, ::1, localhost), got "${raw}"`);
      }
    }),
  },
  oidcClientId: {
    name: 'OIDC_CLIENT_ID',
    meaning: "this system's client id at the OpenID Connect provider (required with OIDC_ISSUER)",
    default: '',
    parse: text,
  },
  oidcClientSecret: {
    name: 'OIDC_CLIENT_SECRET',
    meaning: "this system's client secret at the OpenID Connect provider (required with OIDC_ISSUER; at least 32 bytes)",
    default: '',
    parse: secret('OIDC_CLIENT_SECRET'),
  },
  oidcUsccClaim: {
    name: 'OIDC_USCC_CLAIM',
    meaning: "the ID token (or userinfo) claim carrying an employer's unified social credit code",
    default: 'uscc',
    parse: (raw: string): string => {
      if (!/^[A-Za-z_][\w.:-]{0,63}$/.test(raw)) throw new ConfigError(`OIDC_USCC_CLAIM must be a claim name, got "${raw}"`);
      return raw;
    },
  },
  devIdentityProviderPort: {
    name: 'DEV_IDENTITY_PROVIDER_PORT',
    meaning: "the embedded development identity provider's port on 127.0.0.1, started outside production when OIDC_ISSUER is empty (0 = any free port)",
    default: '3200',
    parse: integer('DEV_IDENTITY_PROVIDER_PORT', 0, 65535),
  },
  sessionSecret: {
    name: 'SESSION_SECRET',
    meaning: 'key (at least 32 bytes) for the stored hashes of session secrets; empty = a random key per process outside production',
    default: '',
    parse: secret('SESSION_SECRET'),
  },
  sessionIdleSeconds: {
    name: 'SESSION_IDLE_SECONDS',
    meaning: 'a session ends after this long without a request (idle timeout)',
    default: '1800',
    parse: integer('SESSION_IDLE_SECONDS', 10, 86400),
  },
  sessionAbsoluteSeconds: {
    name: 'SESSION_ABSOLUTE_SECONDS',
    meaning: 'a session ends this long after sign-in, however busy (absolute timeout)',
    default: '28800',
    parse: integer('SESSION_ABSOLUTE_SECONDS', 60, 604800),
  },
  bodyLimitBytes: {
    name: 'BODY_LIMIT_BYTES',
    meaning: 'largest accepted JSON request body (larger gets 413)',
    default: String(2 * 1024 * 1024),
    parse: integer('BODY_LIMIT_BYTES', 1024, 100 * 1024 * 1024),
  },
  maxEmployeesPerFiling: {
    name: 'MAX_EMPLOYEES_PER_FILING',
    meaning: 'most employees one filing may declare (more gets TOO_MANY_EMPLOYEES)',
    default: '2000',
    parse: integer('MAX_EMPLOYEES_PER_FILING', 1, 100000),
  },
  previewThreads: {
    name: 'PREVIEW_THREADS',
    meaning: 'worker threads judging one policy impact preview of a season (0 = the cores there are, up to 4; a preview of fewer than 150 filings uses one)',
    default: '0',
    parse: integer('PREVIEW_THREADS', 0, 16),
  },
  previewTimeoutMs: {
    name: 'PREVIEW_TIMEOUT_MS',
    meaning: 'longest a policy impact preview may judge; then its threads are ended and it answers 422 PREVIEW_TIMEOUT',
    default: '60000',
    parse: integer('PREVIEW_TIMEOUT_MS', 100, 3600000),
  },
  previewMemoryMb: {
    name: 'PREVIEW_MEMORY_MB',
    meaning: "heap of each preview thread in MB (worker resourceLimits); a thread that needs more is ended: 422 PREVIEW_MEMORY_EXCEEDED",
    default: '512',
    parse: integer('PREVIEW_MEMORY_MB', 16, 16384),
  },
  deploymentCheckTimeoutMs: {
    name: 'DEPLOYMENT_CHECK_TIMEOUT_MS',
    meaning: "longest a deployment's checks may take (POST /api/deployments and …/checks, queueing included); then 422 CHECK_TIMEOUT",
    default: '20000',
    parse: integer('DEPLOYMENT_CHECK_TIMEOUT_MS', 100, 600000),
  },
  deploymentChecksPerMinute: {
    name: 'DEPLOYMENT_CHECKS_PER_MINUTE',
    meaning: 'POST /api/deployments/checks calls one user may make in any minute; more answer 429 with Retry-After',
    default: '60',
    parse: integer('DEPLOYMENT_CHECKS_PER_MINUTE', 1, 100000),
  },
  filingSeason: {
    name: 'FILING_SEASON',
    meaning: '"open" accepts filings for any year whatever the date (training/test); "configured" applies the season',
    default: 'configured',
    parse: oneOf('FILING_SEASON', ['open', 'configured'] as const),
  },
  documentDir: {
    name: 'DOCUMENT_DIR',
    meaning: 'folder of uploaded documents (scans, evidence), each file named by its SHA-256',
    default: path.join(projectRoot, '.data', 'documents'),
    parse: (raw: string): string => path.resolve(raw),
  },
  documentMaxBytes: {
    name: 'DOCUMENT_MAX_BYTES',
    meaning: 'largest accepted uploaded document, per file (larger gets 413)',
    default: String(10 * 1024 * 1024),
    parse: integer('DOCUMENT_MAX_BYTES', 1024, 1024 * 1024 * 1024),
  },
  documentUploadsPerMinute: {
    name: 'DOCUMENT_UPLOADS_PER_MINUTE',
    meaning: 'POST /api/filings/{id}/documents calls one user may make in any minute; more answer 429 with Retry-After',
    default: '60',
    parse: integer('DOCUMENT_UPLOADS_PER_MINUTE', 1, 100000),
  },
  importsPerMinute: {
    name: 'IMPORTS_PER_MINUTE',
    meaning: 'POST /api/employee-imports calls one user may make in any minute; more answer 429 with Retry-After',
    default: '20',
    parse: integer('IMPORTS_PER_MINUTE', 1, 100000),
  },
  importTimeoutMs: {
    name: 'IMPORT_TIMEOUT_MS',
    meaning: 'longest reading one uploaded employee list may take (waiting for the reading thread included); then 400 IMPORT_TIMEOUT',
    default: '30000',
    parse: integer('IMPORT_TIMEOUT_MS', 100, 600000),
  },
  importMemoryMb: {
    name: 'IMPORT_MEMORY_MB',
    meaning: 'heap of each thread reading uploaded employee lists, in MB (worker resourceLimits); a list that needs more gets 400 IMPORT_MEMORY',
    default: '128',
    parse: integer('IMPORT_MEMORY_MB', 16, 4096),
  },
  importThreads: {
    name: 'IMPORT_THREADS',
    meaning: 'threads reading uploaded employee lists at once; 4 more lists may wait per thread, further ones answer 503 with Retry-After',
    default: '1',
    parse: integer('IMPORT_THREADS', 1, 16),
  },
  publicBaseUrl: {
    name: 'PUBLIC_BASE_URL',
    meaning: 'the address the public reaches this system at, e.g. https://dpf.example.gov.cn, printed on certification confirmations (<base>/verify/<code>); empty = taken from each request',
    default: '',
    parse: baseUrl('PUBLIC_BASE_URL'),
  },
  certificateFont: {
    name: 'CERTIFICATE_FONT',
    meaning: 'a font file with Chinese glyphs (.ttf, .ttc or .otf) for certification confirmations; empty = the first found of the Debian packages fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk',
    default: '',
    parse: (raw: string): string => (raw === '' ? '' : path.resolve(raw)),
  },
  webDir: {
    name: 'WEB_DIR',
    meaning: 'folder of the built pages (portal and workbench) the API serves; npm start builds them there',
    default: path.join(projectRoot, 'web', 'dist'),
    parse: (raw: string): string => path.resolve(raw),
  },
  simPort: {
    name: 'SIM_PORT',
    meaning: "department simulators' port (0 = do not start them)",
    default: '3100',
    parse: integer('SIM_PORT', 0, 65535),
  },
  simDataDir: {
    name: 'SIM_DATA_DIR',
    meaning: 'folder of department data files the simulators serve (docs/contracts.md §3)',
    default: path.join(projectRoot, 'connectors', 'seed-data'),
    parse: text,
  },
  registrationUrl: {
    name: 'DEPT_REGISTRATION_URL',
    meaning: 'base URL of the unit registration service (market regulation, civil affairs, organisation office)',
    default: simulatedDepartmentUrl('registration'),
    parse: text,
  },
  registrarChangesUrl: {
    name: 'DEPT_REGISTRAR_CHANGES_URL',
    meaning: "base URL of the registrars' change feeds (market regulation, civil affairs, organisation office; docs/registrar-feeds.md)",
    default: simulatedDepartmentUrl('registrar-changes'),
    parse: text,
  },
  dpfUrl: {
    name: 'DEPT_DPF_URL',
    meaning: 'base URL of the DPF disability certificate register',
    default: simulatedDepartmentUrl('dpf'),
    parse: text,
  },
  veteransUrl: {
    name: 'DEPT_VETERANS_URL',
    meaning: 'base URL of the veterans affairs: disabled-veteran and disabled-police certificates',
    default: simulatedDepartmentUrl('veterans'),
    parse: text,
  },
  pensionUrl: {
    name: 'DEPT_PENSION_URL',
    meaning: 'base URL of the HRSS pension enrolment of persons insured in Zhejiang',
    default: simulatedDepartmentUrl('pension'),
    parse: text,
  },
  nationalPensionUrl: {
    name: 'DEPT_NATIONAL_PENSION_URL',
    meaning: 'base URL of the national pension interface, for persons insured outside Zhejiang',
    default: simulatedDepartmentUrl('national-pension'),
    parse: text,
  },
  medicalUrl: {
    name: 'DEPT_MEDICAL_URL',
    meaning: 'base URL of the medical security: medical insurance enrolment',
    default: simulatedDepartmentUrl('medical'),
    parse: text,
  },
  wagesUrl: {
    name: 'DEPT_WAGES_URL',
    meaning: 'base URL of the wage payments (tax withholding data)',
    default: simulatedDepartmentUrl('wages'),
    parse: text,
  },
  taxUrl: {
    name: 'DEPT_TAX_URL',
    meaning: 'base URL of the tax bureau: pushed results, consistency answer, levy collected',
    default: simulatedDepartmentUrl('tax'),
    parse: text,
  },
  marketShareUrl: {
    name: 'DEPT_MARKET_SHARE_URL',
    meaning: 'base URL of market regulation’s intake of the units’ yearly employment of disabled people (sharing back, 附件2 §二)',
    default: simulatedDepartmentUrl('market-share'),
    parse: text,
  },
  nationalPlatformUrl: {
    name: 'DEPT_NATIONAL_PLATFORM_URL',
    meaning: 'base URL of the national platform (跨省通办): filings of units registered in other provinces go out, results go back',
    default: simulatedDepartmentUrl('national-platform'),
    parse: text,
  },
  nationalPlatformToken: {
    name: 'NATIONAL_PLATFORM_TOKEN',
    meaning: 'bearer token the national platform presents when it delivers a filing (POST /api/national-platform/filings); empty = a random token per process, known only to the simulated platform in the same process',
    default: '',
    parse: (raw: string): string => {
      if (raw === '') return processNationalPlatformToken;
      // The shape RFC 6750 allows in a header, and long enough not to be guessed.
      if (!/^[A-Za-z0-9\-._~+/]{24,}=*$/.test(raw)) {
        throw new ConfigError('NATIONAL_PLATFORM_TOKEN must be at least 24 characters of A-Z a-z 0-9 - . _ ~ + /');
      }
      return raw;
    },
  },
  departmentTimeoutMs: {
    name: 'DEPT_TIMEOUT_MS',
    meaning: 'timeout of one call to a department',
    default: '5000',
    parse: integer('DEPT_TIMEOUT_MS', 100, 120000),
  },
  departmentRetries: {
    name: 'DEPT_RETRIES',
    meaning: 'retries of a failed department call within one job attempt (with exponential back-off)',
    default: '3',
    parse: integer('DEPT_RETRIES', 0, 10),
  },
  callbackBaseUrl: {
    name: 'CALLBACK_BASE_URL',
    meaning: "base URL departments that answer later (the tax bureau) send their answers to, e.g. https://dpf.example.gov.cn; empty = PUBLIC_BASE_URL, or else this API's own listening address (workers in another process need one of the two)",
    default: '',
    parse: baseUrl('CALLBACK_BASE_URL'),
  },
  deptCallbackToken: {
    name: 'DEPT_CALLBACK_TOKEN',
    meaning: 'bearer token a department must send with a later answer (given to it with each push); empty = a random token per process (workers in another process need it set)',
    default: '',
    parse: (raw: string): string => {
      if (raw !== '' && !/^[\x21-\x7e]{16,512}$/.test(raw)) {
        throw new ConfigError('DEPT_CALLBACK_TOKEN must be 16 to 512 printable ASCII characters without spaces');
      }
      return raw;
    },
  },
  taxSimAnswerDelayMs: {
    name: 'TAX_SIM_ANSWER_DELAY_MS',
    meaning: 'how long the simulated tax bureau takes to send its answer to a push (consistency, levy collected)',
    default: '300',
    parse: integer('TAX_SIM_ANSWER_DELAY_MS', 0, 3600000),
  },
  engineUrl: {
    name: 'ENGINE_URL',
    meaning: 'an Operaton engine already running (its base URL, e.g. http://10.0.0.5:8080): start none, use this one with ENGINE_USER/ENGINE_PASSWORD',
    default: '',
    parse: text,
  },
  engineDatabaseUrl: {
    name: 'ENGINE_DATABASE_URL',
    meaning:
      "the engine's own PostgreSQL database (created if missing), apart from the application's; with a superuser here, the engine connects as a role made for it (<database>_owner), with any other role as that role",
    default: 'postgres://postgres@127.0.0.1:5432/dpf_engine',
    parse: text,
  },
  enginePort: {
    name: 'ENGINE_PORT',
    meaning: "the started engine's port on 127.0.0.1; its REST API is at /engine-rest, Cockpit/Tasklist/Admin at /operaton/app/",
    default: '8080',
    parse: integer('ENGINE_PORT', 1, 65535),
  },
  engineUser: {
    name: 'ENGINE_USER',
    meaning: "the service account that alone may call the engine's REST API (HTTP Basic); unset with no ENGINE_URL: generated into .data/engine-credentials.json",
    default: '',
    parse: text,
  },
  enginePassword: {
    name: 'ENGINE_PASSWORD',
    meaning: "the service account's password (generated like ENGINE_USER when unset)",
    default: '',
    parse: text,
  },
  engineAdminPassword: {
    name: 'ENGINE_ADMIN_PASSWORD',
    meaning: 'password of the engine web apps\' administrator `admin` (Cockpit, Tasklist, Admin); generated like ENGINE_USER when unset',
    default: '',
    parse: text,
  },
  engineHeap: {
    name: 'ENGINE_HEAP',
    meaning: "the started engine's largest Java heap (java -Xmx)",
    default: '768m',
    parse: (raw: string): string => {
      if (!/^\d+[mg]$/.test(raw)) throw new ConfigError(`ENGINE_HEAP must be like 768m or 2g, got "${raw}"`);
      return raw;
    },
  },
  engineHistoryLevel: {
    name: 'ENGINE_HISTORY_LEVEL',
    meaning: "how much history the started engine keeps: none, activity, audit or full (Cockpit's history views need full)",
    default: 'full',
    parse: oneOf('ENGINE_HISTORY_LEVEL', ['none', 'activity', 'audit', 'full'] as const),
  },
  engineDbPoolSize: {
    name: 'ENGINE_DB_POOL_SIZE',
    meaning: "the started engine's PostgreSQL connections at most",
    default: '20',
    parse: integer('ENGINE_DB_POOL_SIZE', 2, 500),
  },
  engineStartTimeoutSeconds: {
    name: 'ENGINE_START_TIMEOUT_SECONDS',
    meaning: 'how long to wait for a started engine to answer before giving up',
    default: '180',
    parse: integer('ENGINE_START_TIMEOUT_SECONDS', 10, 3600),
  },
  workers: {
    name: 'WORKERS',
    meaning: '"on": `npm start` runs the external-task workers (in a process of their own it starts again when it dies; scripts/api.ts run alone: in its process); "off": run them elsewhere (`npm run workers`)',
    default: 'on',
    parse: oneOf('WORKERS', ['on', 'off'] as const),
  },
  workerLockMs: {
    name: 'WORKER_LOCK_MS',
    meaning: 'how long a worker holds an external task before the engine hands it to another worker',
    default: '60000',
    parse: integer('WORKER_LOCK_MS', 1000, 3600000),
  },
  workerMaxTasks: {
    name: 'WORKER_MAX_TASKS',
    meaning: 'external tasks one worker process fetches and runs at once',
    default: '10',
    parse: integer('WORKER_MAX_TASKS', 1, 1000),
  },
  workerLongPollMs: {
    name: 'WORKER_LONG_POLL_MS',
    meaning: 'how long a fetch-and-lock request waits at the engine for work (long polling); a stopping worker waits for it to return',
    default: '10000',
    parse: integer('WORKER_LONG_POLL_MS', 0, 1800000),
  },
  workerRetries: {
    name: 'WORKER_RETRIES',
    meaning: 'attempts of a failing external task before it becomes an incident',
    default: '3',
    parse: integer('WORKER_RETRIES', 1, 100),
  },
  workerRetryBackoffMs: {
    name: 'WORKER_RETRY_BACKOFF_MS',
    meaning: 'wait before the first retry of a failed external task; doubled on each further attempt',
    default: '5000',
    parse: integer('WORKER_RETRY_BACKOFF_MS', 0, 86400000),
  },
  databaseStatementTimeoutMs: {
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    meaning: "longest one SQL statement of the API and the workers may run before PostgreSQL cancels it (statement_timeout; migrations have none)",
    default: '30000',
    parse: integer('DATABASE_STATEMENT_TIMEOUT_MS', 100, 3600000),
  },
  databaseIdleInTransactionTimeoutMs: {
    name: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    meaning: 'a connection left idle inside a transaction this long is ended by PostgreSQL, releasing its locks (idle_in_transaction_session_timeout)',
    default: '60000',
    parse: integer('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 100, 3600000),
  },
  shutdownGraceMs: {
    name: 'SHUTDOWN_GRACE_MS',
    meaning: 'on stop (SIGTERM, Ctrl-C) requests in flight get this long to finish before their connections are closed; new ones are refused at once',
    default: '20000',
    parse: integer('SHUTDOWN_GRACE_MS', 0, 600000),
  },
  operationsStuckWorkingDays: {
    name: 'OPERATIONS_STUCK_WORKING_DAYS',
    meaning: 'a running filing that has not moved for this many working days is listed as stuck on the operators\' dashboard (/operations)',
    default: '3',
    parse: integer('OPERATIONS_STUCK_WORKING_DAYS', 1, 60),
  },
  healthRefreshMs: {
    name: 'HEALTH_REFRESH_MS',
    meaning: 'how often the readiness GET /api/health answers from is refreshed in the background (database, engine, deployment, workers, departments)',
    default: '5000',
    parse: integer('HEALTH_REFRESH_MS', 100, 600000),
  },
  workerStopGraceMs: {
    name: 'WORKER_STOP_GRACE_MS',
    meaning: 'how long a stopping worker lets the tasks in hand finish before it aborts the rest and hands their locks back',
    default: '15000',
    parse: integer('WORKER_STOP_GRACE_MS', 0, 3600000),
  },
  logLevel: {
    name: 'LOG_LEVEL',
    meaning: 'the lowest level of the JSON log lines every part writes to standard error: debug, info, warn or error (docs/operations.md "日志")',
    default: 'info',
    parse: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const),
  },
  metricsToken: {
    name: 'METRICS_TOKEN',
    meaning: 'bearer token a Prometheus scraper presents for GET /metrics (and a worker\'s metrics port) from another machine (at least 32 characters of A-Z a-z 0-9 - . _ ~ + /); empty = only callers on this machine that come directly',
    default: '',
    parse: (raw: string): string => {
      // What a bearer header may carry (RFC 6750), and long enough not to be guessed.
      if (raw !== '' && !/^[A-Za-z0-9\-._~+/]{32,}=*$/.test(raw)) throw new ConfigError('METRICS_TOKEN must be at least 32 characters of A-Z a-z 0-9 - . _ ~ + /');
      return raw;
    },
  },
  workerMetricsPort: {
    name: 'WORKER_METRICS_PORT',
    meaning: 'port on which a worker process (npm run workers) serves its Prometheus figures at /metrics (outcomes per topic, department latencies); 0 = off. One port per process',
    default: '0',
    parse: integer('WORKER_METRICS_PORT', 0, 65535),
  },
  outboxIntervalMs: {
    name: 'OUTBOX_INTERVAL_MS',
    meaning: 'how often pending engine commands (a new filing\'s process start) are sent when no new filing nudges it',
    default: '1000',
    parse: integer('OUTBOX_INTERVAL_MS', 50, 600000),
  },
  simLatencyMs: {
    name: 'SIM_LATENCY_MS',
    meaning: "delay the department simulators add to every call (fault testing; changeable at /_admin/faults)",
    default: '0',
    parse: integer('SIM_LATENCY_MS', 0, 600000),
  },
  simFailureRate: {
    name: 'SIM_FAILURE_RATE',
    meaning: 'share of simulator calls answered 500, from 0 to 1 (fault testing)',
    default: '0',
    parse: (raw: string): number => {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
        throw new ConfigError(`SIM_FAILURE_RATE must be a number from 0 to 1, got "${raw}"`);
      }
      return value;
    },
  },
  faultInjectionCrashPoint: {
    name: 'FAULT_INJECTION_CRASH_POINT',
    meaning:
      'fault suite only (npm run chaos): the crash point (platform/crash-points.ts) at which this process kills itself with SIGKILL, e.g. outbox-after-engine-call; refused in production',
    default: '',
    parse: text,
  },
  simOutage: {
    name: 'SIM_OUTAGE',
    meaning: 'comma-separated simulated departments that answer 503 (e.g. "registration"; fault testing)',
    default: '',
    parse: (raw: string): string[] =>
      raw
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
  },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof variables;
export type Config = { [K in keyof Variables]: ReturnType<Variables[K]['parse']> };

/** Reads and checks every variable; a bad value stops the program with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const raw = env[variable.name];
    const fallback = typeof variable.default === 'function' ? variable.default(env) : variable.default;
    config[key] = variable.parse(raw === undefined || raw === '' ? fallback : raw);
  }
  // A crash point kills the process on purpose: never armed on a production installation.
  if (config.nodeEnv === 'production' && config.faultInjectionCrashPoint !== '') {
    throw new ConfigError('FAULT_INJECTION_CRASH_POINT is for the fault suite only and is refused when NODE_ENV=production');
  }
  return config as Config;
}
