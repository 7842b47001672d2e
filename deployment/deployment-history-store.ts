// Our record of the deployments policy staff make (db/migrations/015): the engine knows what and when, only we
// know who and why.
import type { Db, Tx } from '../platform/db.ts';
import type { DeploymentResult, Resource } from './deploy-resources.ts';
import { formIdOf } from './deployment-findings.ts';

export type ResourceKind = 'process' | 'decision' | 'decision-requirements' | 'form';

/** What one submitted file became: its definition where the engine made a new one, else version null. */
export interface RecordedResource {
  name: string;
  kind: ResourceKind;
  key: string | null;
  version: number | null;
  definitionId: string | null;
}

export interface DeploymentRecord {
  deploymentId: string;
  note: string;
  deployedBy: string;
  /** The deployer's name as the sign-in gave it; null where it gave none. */
  deployedByName: string | null;
  deployedAt: string;
  unchanged: boolean;
  resources: RecordedResource[];
}

/**
 * What each submitted file became in the engine: one entry per new definition, or one with version null where the
 * file was unchanged. Forms have no definition in the engine: key is the form's id, version and definitionId null.
 */
export function recordedResources(resources: Resource[], result: DeploymentResult): RecordedResource[] {
  return resources.flatMap(({ name, content }): RecordedResource[] => {
    if (name.endsWith('.form')) return [{ name, kind: 'form', key: formIdOf(content) ?? name.replace(/\.form$/, ''), version: null, definitionId: null }];
    const made = result.definitions.filter((d) => d.resource === name && d.kind !== 'decision-requirements');
    if (made.length === 0) return [{ name, kind: name.endsWith('.bpmn') ? 'process' : 'decision', key: null, version: null, definitionId: null }];
    return made.map((d) => ({ name, kind: d.kind, key: d.key, version: d.version, definitionId: d.id }));
  });
}

export async function recordDeployment(
  db: Db | Tx,
  entry: { deploymentId: string; note: string; deployedBy: string; deployedByName: string | null; unchanged: boolean; resources: RecordedResource[] },
): Promise<void> {
  await db.query('insert into deployments (deployment_id, note, deployed_by, deployed_by_name, unchanged, resources) values ($1, $2, $3, $4, $5, $6)', [
    entry.deploymentId,
    entry.note,
    entry.deployedBy,
    entry.deployedByName,
    entry.unchanged,
    JSON.stringify(entry.resources),
  ]);
}

/** Who made each of these engine deployments and why, by engine deployment id (unchanged submissions left out). */
export async function deploymentsByEngineId(db: Db, deploymentIds: string[]): Promise<Map<string, DeploymentRecord>> {
  if (deploymentIds.length === 0) return new Map();
  const { rows } = await db.query<{ deployment_id: string; note: string; deployed_by: string; deployed_by_name: string | null; deployed_at: Date; unchanged: boolean; resources: RecordedResource[] }>(
    `select deployment_id, note, deployed_by, deployed_by_name, deployed_at, unchanged, resources
       from deployments where deployment_id = any($1) and not unchanged order by id`,
    [deploymentIds],
  );
  return new Map(
    rows.map((r) => [
      r.deployment_id,
      { deploymentId: r.deployment_id, note: r.note, deployedBy: r.deployed_by, deployedByName: r.deployed_by_name, deployedAt: r.deployed_at.toISOString(), unchanged: r.unchanged, resources: r.resources },
    ]),
  );
}
