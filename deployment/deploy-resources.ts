// Deploys diagrams, decisions and forms to the engine as one deployment through REST. Only changed resources
// become new versions (deploy-changed-only): a restart with the same files deploys nothing new.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../platform/config.ts';
import type { EngineRest } from '../platform/engine-rest.ts';

export const processesDir = path.join(projectRoot, 'processes');
export const formsDir = path.join(projectRoot, 'forms');

/** The name every deployment of this system carries: the engine compares changed resources within it. */
export const DEPLOYMENT_NAME = 'dpf-annual-review';

/** The source of deployments made from the web modeler (POST /api/deployments); the start deploys the project's files. */
export const WEB_MODELER_SOURCE = 'web-modeler';

export const DEPLOYABLE = /\.(bpmn|dmn|form)$/;

export interface Resource {
  /** The file name, e.g. annual-review.bpmn: the engine identifies a resource by it across versions. */
  name: string;
  content: string;
}

export interface DeployedDefinition {
  kind: 'process' | 'decision' | 'decision-requirements';
  key: string;
  version: number;
  id: string;
  resource: string;
}

export interface DeploymentResult {
  deploymentId: string;
  /** False when nothing had changed: the engine made no deployment and answered with the latest one. */
  created: boolean;
  definitions: DeployedDefinition[];
  /** Every resource the deployment holds (a new one: the changed ones only). */
  resources: string[];
}

/** The project's own resources: processes/*.bpmn|dmn and forms/*.form. */
export function projectResources(): Resource[] {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((name) => DEPLOYABLE.test(name))
      .sort()
      .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
  return [...read(processesDir), ...read(formsDir)];
}

interface EngineDefinition {
  id: string;
  key: string;
  version: number;
  resource: string;
}

interface EngineDeployment {
  id: string;
  deployedProcessDefinitions: Record<string, EngineDefinition> | null;
  deployedDecisionDefinitions: Record<string, EngineDefinition> | null;
  deployedDecisionRequirementsDefinitions: Record<string, EngineDefinition> | null;
}

export async function deployResources(engine: EngineRest, resources: Resource[], source: string): Promise<DeploymentResult> {
  const latest = await engine.get<{ id: string }[]>('/deployment', {
    name: DEPLOYMENT_NAME,
    sortBy: 'deploymentTime',
    sortOrder: 'desc',
    maxResults: 1,
  });
  const form = new FormData();
  form.set('deployment-name', DEPLOYMENT_NAME);
  form.set('deployment-source', source);
  form.set('deploy-changed-only', 'true');
  form.set('enable-duplicate-filtering', 'true');
  for (const resource of resources) {
    form.append(resource.name, new Blob([resource.content], { type: 'application/octet-stream' }), resource.name);
  }
  const deployment = await engine.postForm<EngineDeployment>('/deployment/create', form);
  const pick = (kind: DeployedDefinition['kind'], map: Record<string, EngineDefinition> | null) =>
    Object.values(map ?? {}).map((d) => ({ kind, key: d.key, version: d.version, id: d.id, resource: d.resource }));
  const definitions = [
    ...pick('process', deployment.deployedProcessDefinitions),
    ...pick('decision', deployment.deployedDecisionDefinitions),
    ...pick('decision-requirements', deployment.deployedDecisionRequirementsDefinitions),
  ];
  const deployed = await engine.get<{ name: string }[]>(`/deployment/${deployment.id}/resources`);
  const created = definitions.length > 0 || deployment.id !== latest[0]?.id;
  return { deploymentId: deployment.id, created, definitions, resources: deployed.map((r) => r.name) };
}

/**
 * The resources whose text differs from the newest deployed file of the same name, whoever deployed it. The
 * engine's own duplicate filter compares only within one deployment source (so that `npm start` never deploys the
 * project's files over a change made in the modeler); a modeler deployment must also make no new version of a file
 * that the project deployed unchanged.
 */
export async function changedAgainstLatest(engine: EngineRest, resources: Resource[]): Promise<Resource[]> {
  const deployments = await engine.get<{ id: string }[]>('/deployment', { name: DEPLOYMENT_NAME, sortBy: 'deploymentTime', sortOrder: 'desc' });
  const pending = new Map(resources.map((r) => [r.name, r]));
  const changed: Resource[] = [];
  for (const { id } of deployments) {
    if (pending.size === 0) break;
    const held = await engine.get<{ id: string; name: string }[]>(`/deployment/${encodeURIComponent(id)}/resources`);
    for (const { id: resourceId, name } of held) {
      const resource = pending.get(name);
      if (!resource) continue;
      pending.delete(name);
      const deployed = await engine.getText(`/deployment/${encodeURIComponent(id)}/resources/${encodeURIComponent(resourceId)}/data`);
      // Request bodies arrive trimmed (platform/http/request-guard.ts): a file's final newline is no change.
      if (deployed.trim() !== resource.content.trim()) changed.push(resource);
    }
  }
  // Never deployed before: new.
  return [...changed, ...pending.values()];
}

/** The answer to a deployment whose files are all unchanged: the newest deployment, nothing new made. */
export async function nothingDeployed(engine: EngineRest): Promise<DeploymentResult> {
  const [latest] = await engine.get<{ id: string }[]>('/deployment', { name: DEPLOYMENT_NAME, sortBy: 'deploymentTime', sortOrder: 'desc', maxResults: 1 });
  return { deploymentId: latest?.id ?? '', created: false, definitions: [], resources: [] };
}

/**
 * A deployment the engine holds, read back as deployResources answers it, with its files' text: what the intent
 * reconciler (operations/engine-intents.ts) records for a modeler deployment whose API died before recording it.
 */
export async function deploymentOf(engine: EngineRest, deploymentId: string): Promise<{ result: DeploymentResult; resources: Resource[] }> {
  const id = encodeURIComponent(deploymentId);
  const [processes, decisions, held] = await Promise.all([
    engine.get<EngineDefinition[]>('/process-definition', { deploymentId }),
    engine.get<EngineDefinition[]>('/decision-definition', { deploymentId }),
    engine.get<{ id: string; name: string }[]>(`/deployment/${id}/resources`),
  ]);
  const definitions: DeployedDefinition[] = [
    ...processes.map((d) => ({ kind: 'process' as const, key: d.key, version: d.version, id: d.id, resource: d.resource })),
    ...decisions.map((d) => ({ kind: 'decision' as const, key: d.key, version: d.version, id: d.id, resource: d.resource })),
  ];
  const resources = await Promise.all(
    held.map(async (r) => ({ name: r.name, content: await engine.getText(`/deployment/${id}/resources/${encodeURIComponent(r.id)}/data`) })),
  );
  return { result: { deploymentId, created: true, definitions, resources: held.map((r) => r.name) }, resources };
}
