// POST /api/deployments — policy staff (through the web modeler) deploy changed diagrams, decisions and forms.
// Each resource is linted first; any finding answers 400 with every finding and nothing is deployed. Unchanged
// resources make no new version. Every deployment carries a change note, kept with who made it (deployments table).
import { Router } from 'express';
import { inTransaction, type Db } from '../platform/db.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { engineProblem, requireEngine } from '../server/engine-problems.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { audit } from '../server/audit.ts';
import { authenticate, checked, identityOf, localeOf } from '../server/http.ts';
import type { TokenSigner } from '../server/identity.ts';
import { WORKER_TOPICS } from '../workers/topics.ts';
import { RateLimit } from '../platform/rate-limit.ts';
import { lintBpmn } from './bpmn-lint.ts';
import { checkProblem, type CheckRunner } from './check-runner.ts';
import { lintDmn } from './dmn-lint.ts';
import { changedAgainstLatest, deployResources, nothingDeployed, projectResources, resourcesSchema, type DeploymentResult, type Resource } from './deploy-resources.ts';
import { recordDeployment, type RecordedResource } from './deployment-history-store.ts';
import { checkForm } from './form-check.ts';
import { formPolicyFindings } from './policy/form-content.ts';
import { resourceFindings } from './policy/resource-rules.ts';

export interface DeploymentRoutesOptions {
  db: Db;
  signer: TokenSigner;
  engine: EngineRest | undefined;
  /** Runs findingsOf off the API's thread, with a time limit (check-runner.ts). */
  checks: CheckRunner;
  /** POST /api/deployments/checks calls one user may make a minute (DEPLOYMENT_CHECKS_PER_MINUTE). */
  checksPerMinute?: number;
}

export const WEB_MODELER_SOURCE = 'web-modeler';
const MAX_RESOURCES = 50;

const checkBody = compileSchema<{ note: string; resources: Resource[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['note', 'resources'],
  properties: {
    note: { type: 'string', minLength: 1, maxLength: 500 },
    resources: resourcesSchema(MAX_RESOURCES, ['bpmn', 'dmn', 'form']),
  },
});

const checkChecks = compileSchema<{ resources: Resource[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['resources'],
  properties: { resources: resourcesSchema(MAX_RESOURCES, ['bpmn', 'dmn', 'form']) },
});

const messages = createFieldMessages({
  root: ['部署内容', 'deployment'],
  labels: { note: ['变更说明', 'change note'], resources: ['部署的文件', 'resources'], name: ['文件名', 'file name'], content: ['文件内容', 'content'] },
  listItems: { resources: ['第 {n} 个文件', 'file {n}'] },
  formatHints: { name: ['应为以 .bpmn、.dmn 或 .form 结尾的文件名（字母、数字、点、横线、下划线）', 'must be a .bpmn, .dmn or .form file name'] },
});

function formIdOf(content: string): string | undefined {
  try {
    const id = (JSON.parse(content) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What each submitted file became in the engine: one entry per new definition, or one with version null where the
 * file was unchanged. Forms have no definition in the engine: key is the form's id, version and definitionId null.
 */
function recordedResources(resources: Resource[], result: DeploymentResult): RecordedResource[] {
  return resources.flatMap(({ name, content }): RecordedResource[] => {
    if (name.endsWith('.form')) return [{ name, kind: 'form', key: formIdOf(content) ?? name.replace(/\.form$/, ''), version: null, definitionId: null }];
    const made = result.definitions.filter((d) => d.resource === name && d.kind !== 'decision-requirements');
    if (made.length === 0) return [{ name, kind: name.endsWith('.bpmn') ? 'process' : 'decision', key: null, version: null, definitionId: null }];
    return made.map((d) => ({ name, kind: d.kind, key: d.key, version: d.version, definitionId: d.id }));
  });
}

/** What the checks found in one submitted file, on one element (elementId empty: the file as a whole). */
export interface ResourceFinding {
  file: string;
  /** The file's position in the request, for the field error's JSON pointer. */
  index: number;
  elementId: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

/** What the checks need to know beyond the files: plain data, so that the checks can run on another thread. */
export interface CheckContext {
  /** Keys of the processes deployed now: what a call activity may call besides the files' own. */
  deployedProcesses?: string[];
}

/** Every finding of every resource, warnings included: what the modeler marks on its canvas as one edits. */
export async function findingsOf(resources: Resource[], context: CheckContext = {}): Promise<ResourceFinding[]> {
  const knownForms = [...new Set([...projectResources(), ...resources].filter((r) => r.name.endsWith('.form')).flatMap((r) => formIdOf(r.content) ?? []))];
  const findings: ResourceFinding[] = [];
  for (const [index, { name, content }] of resources.entries()) {
    const at = { file: name, index };
    // A file too large, of the wrong kind or declaring a DOCTYPE is not read any further.
    const refused = resourceFindings(name, content);
    if (refused.length > 0) {
      for (const f of refused) findings.push({ ...at, ...f, category: 'error' });
      continue;
    }
    if (name.endsWith('.bpmn')) {
      for (const f of await lintBpmn(content, { knownTopics: WORKER_TOPICS, knownForms, deployedProcesses: context.deployedProcesses ?? [] })) findings.push({ ...at, ...f });
    } else if (name.endsWith('.dmn')) {
      for (const f of await lintDmn(content)) findings.push({ ...at, ...f });
    } else if (name.endsWith('.form')) {
      // A form's problems are at a path inside its JSON; the editor finds the component from it.
      const parsed = parsedJson(content);
      const policy = parsed === undefined ? [] : formPolicyFindings(parsed);
      for (const f of policy) findings.push({ ...at, ...f, category: 'error' });
      // A form the policy refuses is not rendered, even in a jsdom document.
      if (policy.length === 0) for (const p of await checkForm(content)) findings.push({ ...at, elementId: p.path ?? '', rule: 'form', category: 'error', message: p.message });
    }
  }
  return findings;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The context of a check: what the engine has deployed (without an engine: nothing, and the deployment says so). */
async function checkContext(engine: EngineRest | undefined): Promise<CheckContext> {
  if (!engine) return {};
  try {
    return { deployedProcesses: await deployedProcessKeys(engine) };
  } catch (error) {
    throw engineProblem(error);
  }
}

/** The keys of the processes deployed now (their latest versions), for the call-activity check. */
export async function deployedProcessKeys(engine: EngineRest): Promise<string[]> {
  const definitions = await engine.get<{ key: string }[]>('/process-definition', { latestVersion: 'true' });
  return [...new Set(definitions.map((d) => d.key))];
}

/** The findings that stop a deployment, as field errors at /resources/{i}/content. */
export function findingErrors(findings: ResourceFinding[]): FieldError[] {
  return findings
    .filter((f) => f.category === 'error')
    .map((f) => ({
      path: `/resources/${f.index}/content`,
      code: f.rule === 'form' ? 'FORM_INVALID' : 'LINT',
      message: `${f.file}${f.elementId ? ` · ${f.elementId}` : ''}：${f.message}${f.rule === 'form' ? '' : `（${f.rule}）`}`,
    }));
}

/** What the engine's parser refused, on the elements it named where it named them (a ParseException's details). */
export function engineFindings(error: EngineError, resources: Resource[]): ResourceFinding[] {
  const found: ResourceFinding[] = [];
  for (const [file, report] of Object.entries(error.details ?? {})) {
    const index = resources.findIndex((r) => r.name === file);
    for (const e of report.errors ?? []) {
      found.push({ file, index, elementId: e.mainElementId ?? e.elementIds?.[0] ?? '', rule: 'engine', category: 'error', message: `流程引擎无法解析：${e.message}` });
    }
  }
  return found.length > 0 ? found : [{ file: '', index: -1, elementId: '', rule: 'engine', category: 'error', message: error.message }];
}

export function deploymentRouter(options: DeploymentRoutesOptions): Router {
  const router = Router();
  const checksLimit = new RateLimit(options.checksPerMinute ?? 60, 60_000);
  // The checks see what the engine has deployed (for call activities), and run on the checking thread.
  const findings = async (resources: Resource[]) => options.checks.findings(resources, await checkContext(options.engine)).catch((error: unknown) => Promise.reject(checkProblem(error)));
  router.post('/api/deployments', authenticate(options.signer, ['policy']), async (req, res, next) => {
    try {
      const who = identityOf(req);
      const { note, resources } = checked(req, checkBody, req.body, messages);
      const names = resources.map((r) => r.name);
      const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (twice >= 0) {
        throw new Problem(400, '提交的内容有误', undefined, [{ path: `/resources/${twice}/name`, code: 'DUPLICATE', message: `文件 ${names[twice]} 提交了两次` }]);
      }
      const errors = (await findings(resources)).filter((f) => f.category === 'error');
      if (errors.length) {
        // The findings themselves too, so that the modeler marks each on its element.
        throw new Problem(400, localeOf(req) === 'zh' ? '流程文件未通过检查，未部署' : 'Lint findings: nothing deployed', undefined, findingErrors(errors), undefined, { findings: errors });
      }
      const engine = requireEngine(options.engine);
      let result;
      try {
        // Only what differs from what is deployed now, whoever deployed it: an unchanged file makes no version.
        const changed = await changedAgainstLatest(engine, resources);
        result = changed.length > 0 ? await deployResources(engine, changed, WEB_MODELER_SOURCE) : await nothingDeployed(engine);
      } catch (error) {
        if (error instanceof EngineError && error.status === 400) {
          // The engine's own parser found what the linter did not (e.g. an expression it cannot read).
          const refused = engineFindings(error, resources);
          throw new Problem(
            400,
            '流程引擎拒绝了该部署，未部署',
            undefined,
            refused.map((f) => ({ path: f.index >= 0 ? `/resources/${f.index}/content` : '/resources', code: 'ENGINE_REFUSED', message: `${f.file ? `${f.file}${f.elementId ? ` · ${f.elementId}` : ''}：` : ''}${f.message}` })),
            undefined,
            { findings: refused },
          );
        }
        throw engineProblem(error);
      }
      const deployed = result;
      await inTransaction(options.db, async (tx) => {
        await recordDeployment(tx, { deploymentId: deployed.deploymentId, note, deployedBy: who.sub, deployedByName: who.name ?? null, unchanged: !deployed.created, resources: recordedResources(resources, deployed) });
        await audit(tx, who, 'deployment.create', { type: 'deployment', id: deployed.deploymentId }, {
          note,
          resources: names,
          created: deployed.created,
          definitions: deployed.definitions.map((d) => `${d.key}:${d.version}`),
        });
      });
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      next(error);
    }
  });

  // The same checks without deploying, warnings too: the modeler calls this as one edits. Whoever may read the
  // definitions may check a copy of them.
  router.post('/api/deployments/checks', authenticate(options.signer, ['policy', 'province', 'operator']), async (req, res, next) => {
    try {
      const admission = checksLimit.take(identityOf(req).sub);
      if (!admission.admitted) {
        res.set('Retry-After', String(admission.retryAfterSeconds));
        throw new Problem(429, '检查过于频繁，请稍后再试', `每分钟最多检查 ${checksLimit.limit} 次，请 ${admission.retryAfterSeconds} 秒后再试`, undefined, undefined, { code: 'TOO_MANY_CHECKS' });
      }
      const { resources } = checked(req, checkChecks, req.body, messages);
      res.json({ findings: await findings(resources) });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
