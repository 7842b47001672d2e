// What is deployed, at which versions, and why (issue 13 item 3): the web modeler opens any process, decision or
// form at any version. The engine knows versions and when; who and why come from our deployments table, or
// 'project-files' for what `npm start` deployed from processes/ and forms/.
import { Router, type Request } from 'express';
import type { Db } from '../platform/db.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { checked } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import {
  DEFINITION_READERS,
  definitionKeyParamsSchema,
  definitionListQuerySchema,
  definitionVersionParamsSchema,
  type DefinitionKeyParams,
  type DefinitionKind,
  type DefinitionListQuery,
  type DefinitionVersion,
  type DefinitionVersionParams,
} from '../api/deployment.ts';
import { DEPLOYMENT_NAME } from './deploy-resources.ts';
import { deploymentsByEngineId } from './deployment-history-store.ts';

export interface DefinitionRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine: EngineRest | undefined;
}

// The engine's own source string for what `npm start` deployed (server/system.ts PROJECT_FILES_SOURCE).
const PROJECT_FILES = 'project-files';
const ENGINE_PATH: Record<Exclude<DefinitionKind, 'form'>, string> = { process: '/process-definition', decision: '/decision-definition' };

const checkList = compileSchema<DefinitionListQuery>(definitionListQuerySchema);
const checkKey = compileSchema<DefinitionKeyParams>(definitionKeyParamsSchema);
const checkVersion = compileSchema<DefinitionVersionParams>(definitionVersionParamsSchema);

const messages = createFieldMessages({
  root: ['查询条件', 'query'],
  labels: { kind: ['类型', 'kind'], key: ['标识', 'key'], version: ['版本', 'version'] },
  formatHints: {
    kind: ['应为 process（流程）、decision（决策表）或 form（表单）', 'must be process, decision or form'],
    key: ['应为字母、数字、点、横线或下划线', 'letters, digits, dots, dashes or underscores'],
    version: ['应为正整数', 'must be a positive whole number'],
  },
});

interface EngineDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
}

interface EngineDeployment {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: string;
}

/** The engine writes times as 2026-12-01T10:30:00.000+0800; ISO 8601 wants the offset's colon. */
const isoTime = (engineTime: string) => new Date(engineTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toISOString();

/** Every deployment this system made (ours and npm start's), oldest first, with the form files each holds. */
async function deploymentsWithForms(engine: EngineRest): Promise<{ deployment: EngineDeployment; forms: { id: string; name: string }[] }[]> {
  const deployments = await engine.get<EngineDeployment[]>('/deployment', { name: DEPLOYMENT_NAME, sortBy: 'deploymentTime', sortOrder: 'asc' });
  const out = [];
  for (const deployment of deployments) {
    const resources = await engine.get<{ id: string; name: string }[]>(`/deployment/${encodeURIComponent(deployment.id)}/resources`);
    out.push({ deployment, forms: resources.filter((r) => r.name.endsWith('.form')) });
  }
  return out;
}

/** A form's versions: the deployments that hold its file, oldest is version 1 (only changed files are deployed). */
async function formVersions(engine: EngineRest, key: string): Promise<{ version: number; deployment: EngineDeployment; resourceId: string }[]> {
  const versions = [];
  for (const { deployment, forms } of await deploymentsWithForms(engine)) {
    const form = forms.find((f) => f.name === `${key}.form`);
    if (form) versions.push({ version: versions.length + 1, deployment, resourceId: form.id });
  }
  return versions;
}

async function engineDefinitions(engine: EngineRest, kind: Exclude<DefinitionKind, 'form'>, key: string): Promise<EngineDefinition[]> {
  return engine.get<EngineDefinition[]>(ENGINE_PATH[kind], { key, sortBy: 'version', sortOrder: 'desc' });
}

async function describe(options: DefinitionRoutesOptions, rows: { version: number; definitionId: string | null; resource: string; deployment: EngineDeployment }[]): Promise<DefinitionVersion[]> {
  const ours = await deploymentsByEngineId(options.db, [...new Set(rows.map((r) => r.deployment.id))]);
  return rows.map(({ version, definitionId, resource, deployment }) => {
    const record = ours.get(deployment.id);
    return {
      version,
      definitionId,
      resource,
      deploymentId: deployment.id,
      deployedAt: record?.deployedAt ?? isoTime(deployment.deploymentTime),
      deployedBy: record?.deployedBy ?? null,
      deployedByName: record?.deployedByName ?? null,
      note: record?.note ?? null,
      source: record ? 'web-modeler' : deployment.source === PROJECT_FILES ? PROJECT_FILES : (deployment.source ?? 'unknown'),
    };
  });
}

async function versionsOf(options: DefinitionRoutesOptions, kind: DefinitionKind, key: string): Promise<DefinitionVersion[]> {
  const engine = requireEngine(options.engine);
  if (kind === 'form') {
    const versions = await formVersions(engine, key);
    return describe(options, versions.reverse().map((v) => ({ version: v.version, definitionId: null, resource: `${key}.form`, deployment: v.deployment })));
  }
  const definitions = await engineDefinitions(engine, kind, key);
  const deployments = new Map<string, EngineDeployment>();
  for (const id of new Set(definitions.map((d) => d.deploymentId))) {
    deployments.set(id, await engine.get<EngineDeployment>(`/deployment/${encodeURIComponent(id)}`));
  }
  return describe(options, definitions.map((d) => ({ version: d.version, definitionId: d.id, resource: d.resource, deployment: deployments.get(d.deploymentId)! })));
}

const notFound = () => new Problem(404, '未找到该流程、决策表或表单的版本');

function params(req: Request): Record<string, string> {
  return { ...req.params } as Record<string, string>;
}

export function definitionRouter(options: DefinitionRoutesOptions): Router {
  const router = Router();
  const readers = authenticate(options.sessions, DEFINITION_READERS);

  // The keys of one kind, each with its latest version.
  router.get('/api/definitions', readers, async (req, res, next) => {
    try {
      const { kind } = checked(req, checkList, { ...req.query }, messages);
      const engine = requireEngine(options.engine);
      if (kind === 'form') {
        const latest = new Map<string, { key: string; latestVersion: number; deploymentId: string }>();
        for (const { deployment, forms } of await deploymentsWithForms(engine)) {
          for (const form of forms) {
            const key = form.name.replace(/\.form$/, '');
            latest.set(key, { key, latestVersion: (latest.get(key)?.latestVersion ?? 0) + 1, deploymentId: deployment.id });
          }
        }
        res.json(
          [...latest.values()]
            .sort((a, b) => a.key.localeCompare(b.key))
            .map((f) => ({ kind, key: f.key, name: null, resource: `${f.key}.form`, latestVersion: f.latestVersion, definitionId: null, deploymentId: f.deploymentId })),
        );
        return;
      }
      const definitions = await engine.get<EngineDefinition[]>(ENGINE_PATH[kind], { latestVersion: true, sortBy: 'key', sortOrder: 'asc' });
      res.json(definitions.map((d) => ({ kind, key: d.key, name: d.name, resource: d.resource, latestVersion: d.version, definitionId: d.id, deploymentId: d.deploymentId })));
    } catch (error) {
      next(engineProblem(error));
    }
  });

  // Every version of one key, newest first, with who deployed it, when and why.
  router.get('/api/definitions/:kind/:key/versions', readers, async (req, res, next) => {
    try {
      const { kind, key } = checked(req, checkKey, params(req), messages);
      const versions = await versionsOf(options, kind, key);
      if (versions.length === 0) throw notFound();
      res.json(versions);
    } catch (error) {
      next(engineProblem(error));
    }
  });

  // The XML (BPMN, DMN) or form JSON of one version, as deployed.
  router.get('/api/definitions/:kind/:key/versions/:version/source', readers, async (req, res, next) => {
    try {
      const { kind, key, version: asText } = checked(req, checkVersion, params(req), messages);
      const version = Number(asText);
      const engine = requireEngine(options.engine);
      if (kind === 'form') {
        const found = (await formVersions(engine, key)).find((v) => v.version === version);
        if (!found) throw notFound();
        // The form file's bytes are JSON: the engine's client reads them as such.
        const form = await engine.get<unknown>(`/deployment/${encodeURIComponent(found.deployment.id)}/resources/${encodeURIComponent(found.resourceId)}/data`);
        res.type('application/json').send(JSON.stringify(form, null, 2));
        return;
      }
      const [definition] = await engine.get<EngineDefinition[]>(ENGINE_PATH[kind], { key, version });
      if (!definition) throw notFound();
      const xml = await engine.get<{ bpmn20Xml?: string; dmnXml?: string }>(`${ENGINE_PATH[kind]}/${encodeURIComponent(definition.id)}/xml`);
      res.type('application/xml').send(kind === 'process' ? xml.bpmn20Xml : xml.dmnXml);
    } catch (error) {
      next(error instanceof EngineError && error.status === 404 ? notFound() : engineProblem(error));
    }
  });
  return router;
}
