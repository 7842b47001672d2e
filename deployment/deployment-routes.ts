// POST /api/deployments — policy staff (through the web modeler) deploy changed diagrams, decisions and forms.
// Each resource is linted first; any finding answers 400 with every finding and nothing is deployed. Unchanged
// resources make no new version. Every deployment carries a change note, kept with who made it (deployments table).
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { audited } from '../platform/http/audit.ts';
import { checked, identityOf, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { checkResourcesSchema, DEFINITION_READERS, DEPLOYERS, deploySchema, type CheckResourcesRequest, type DeployRequest } from '../api/deployment.ts';
import { RateLimit, tooManyCalls } from '../platform/rate-limit.ts';
import { checkProblem, type CheckRunner } from './check-runner.ts';
import { changedAgainstLatest, deployResources, nothingDeployed, projectResources, WEB_MODELER_SOURCE, type DeploymentResult, type Resource } from './deploy-resources.ts';
import { recordDeployment, recordedResources } from './deployment-history-store.ts';
import { deployedProcessKeys, engineFindings, findingErrors, formIdOf, type CheckContext } from './deployment-findings.ts';

export interface DeploymentRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine: EngineRest | undefined;
  /** Runs findingsOf off the API's thread, with a time limit (check-runner.ts). */
  checks: CheckRunner;
  /** POST /api/deployments/checks calls one user may make a minute (DEPLOYMENT_CHECKS_PER_MINUTE). */
  checksPerMinute?: number;
}

const checkBody = compileSchema<DeployRequest>(deploySchema);
const checkChecks = compileSchema<CheckResourcesRequest>(checkResourcesSchema);

const messages = createFieldMessages({
  root: ['部署内容', 'deployment'],
  labels: { note: ['变更说明', 'change note'], resources: ['部署的文件', 'resources'], name: ['文件名', 'file name'], content: ['文件内容', 'content'] },
  listItems: { resources: ['第 {n} 个文件', 'file {n}'] },
  formatHints: { name: ['应为以 .bpmn、.dmn 或 .form 结尾的文件名（字母、数字、点、横线、下划线）', 'must be a .bpmn, .dmn or .form file name'] },
});

/** The context of a check: what the engine has deployed (without an engine: nothing, and the deployment says so). */
async function checkContext(engine: EngineRest | undefined): Promise<CheckContext> {
  if (!engine) return {};
  try {
    return { deployedProcesses: await deployedProcessKeys(engine) };
  } catch (error) {
    throw engineProblem(error);
  }
}

export function deploymentRouter(options: DeploymentRoutesOptions): Router {
  const router = Router();
  const checksLimit = new RateLimit(options.checksPerMinute ?? 60, 60_000);
  // The checks see what the engine has deployed (for call activities), and run on the checking thread.
  const findings = async (resources: Resource[]) => options.checks.findings(resources, await checkContext(options.engine)).catch((error: unknown) => Promise.reject(checkProblem(error)));
  router.post('/api/deployments', authenticate(options.sessions, DEPLOYERS), async (req, res, next) => {
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
      // Audited as an intent before the engine deploys and its outcome after: the deployment's id once made.
      const result = await audited(options.db, who, 'deployment.create', { type: 'deployment', id: 'new' }, { note, resources: names }, async () => {
        try {
          // Only what differs from what is deployed now, whoever deployed it: an unchanged file makes no version.
          const changed = await changedAgainstLatest(engine, resources);
          return changed.length > 0 ? await deployResources(engine, changed, WEB_MODELER_SOURCE) : await nothingDeployed(engine);
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
      }, (deployed) => ({
        subject: { type: 'deployment', id: deployed.deploymentId },
        detail: { created: deployed.created, definitions: deployed.definitions.map((d) => `${d.key}:${d.version}`) },
        record: (tx) => recordDeployment(tx, { deploymentId: deployed.deploymentId, note, deployedBy: who.sub, deployedByName: who.name ?? null, unchanged: !deployed.created, resources: recordedResources(resources, deployed) }),
      }));
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      next(error);
    }
  });

  // The same checks without deploying, warnings too: the modeler calls this as one edits. Whoever may read the
  // definitions may check a copy of them.
  router.post('/api/deployments/checks', authenticate(options.sessions, DEFINITION_READERS), async (req, res, next) => {
    try {
      const admission = checksLimit.take(identityOf(req).sub);
      if (!admission.admitted) throw tooManyCalls(res, admission, '检查过于频繁，请稍后再试', `每分钟最多检查 ${checksLimit.limit} 次，请 ${admission.retryAfterSeconds} 秒后再试`, 'TOO_MANY_CHECKS');
      const { resources } = checked(req, checkChecks, req.body, messages);
      res.json({ findings: await findings(resources) });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
