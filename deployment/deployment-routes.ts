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
import { lintBpmn } from './bpmn-lint.ts';
import { lintDmn } from './dmn-lint.ts';
import { deployResources, projectResources, resourcesSchema, type DeploymentResult, type Resource } from './deploy-resources.ts';
import { recordDeployment, type RecordedResource } from './deployment-history-store.ts';
import { checkForm } from './form-check.ts';

export interface DeploymentRoutesOptions {
  db: Db;
  signer: TokenSigner;
  engine: EngineRest | undefined;
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

/** Every lint finding of every resource, as field errors at /resources/{i}/content. */
export async function lintResources(resources: Resource[]): Promise<FieldError[]> {
  const knownForms = [...new Set([...projectResources(), ...resources].filter((r) => r.name.endsWith('.form')).flatMap((r) => formIdOf(r.content) ?? []))];
  const errors: FieldError[] = [];
  for (const [index, resource] of resources.entries()) {
    const path = `/resources/${index}/content`;
    if (resource.name.endsWith('.bpmn')) {
      for (const f of await lintBpmn(resource.content, { knownTopics: WORKER_TOPICS, knownForms })) {
        if (f.category !== 'error') continue;
        errors.push({ path, code: 'LINT', message: `${resource.name}${f.elementId ? ` · ${f.elementId}` : ''}：${f.message}（${f.rule}）` });
      }
    } else if (resource.name.endsWith('.dmn')) {
      for (const f of await lintDmn(resource.content)) {
        if (f.category !== 'error') continue;
        errors.push({ path, code: 'LINT', message: `${resource.name}${f.elementId ? ` · ${f.elementId}` : ''}：${f.message}（${f.rule}）` });
      }
    } else if (resource.name.endsWith('.form')) {
      for (const p of await checkForm(resource.content)) {
        errors.push({ path, code: 'FORM_INVALID', message: `${resource.name}${p.path ? ` · ${p.path}` : ''}：${p.message}` });
      }
    }
  }
  return errors;
}

export function deploymentRouter(options: DeploymentRoutesOptions): Router {
  const router = Router();
  router.post('/api/deployments', authenticate(options.signer, ['policy']), async (req, res, next) => {
    try {
      const who = identityOf(req);
      const { note, resources } = checked(req, checkBody, req.body, messages);
      const names = resources.map((r) => r.name);
      const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (twice >= 0) {
        throw new Problem(400, '提交的内容有误', undefined, [{ path: `/resources/${twice}/name`, code: 'DUPLICATE', message: `文件 ${names[twice]} 提交了两次` }]);
      }
      const errors = await lintResources(resources);
      if (errors.length) throw new Problem(400, localeOf(req) === 'zh' ? '流程文件未通过检查，未部署' : 'Lint findings: nothing deployed', undefined, errors);
      const engine = requireEngine(options.engine);
      let result;
      try {
        result = await deployResources(engine, resources, WEB_MODELER_SOURCE);
      } catch (error) {
        if (error instanceof EngineError && error.status === 400) {
          // The engine's own parser found what the linter did not (e.g. an expression it cannot read).
          throw new Problem(400, '流程引擎拒绝了该部署，未部署', undefined, [{ path: '/resources', code: 'ENGINE_REFUSED', message: error.message }]);
        }
        throw engineProblem(error);
      }
      const deployed = result;
      await inTransaction(options.db, async (tx) => {
        await recordDeployment(tx, { deploymentId: deployed.deploymentId, note, deployedBy: who.sub, unchanged: !deployed.created, resources: recordedResources(resources, deployed) });
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
  return router;
}
