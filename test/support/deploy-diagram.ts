// A diagram of a test's own, deployed to the run's engine under its own deployment name, beside the project's.
import type { EngineRest } from '../../platform/engine-rest.ts';

/** Deploys `xml` as `<key>.bpmn` in a deployment named `deploymentName` (default `test-<key>`). */
export async function deployDiagram(engine: EngineRest, key: string, xml: string, deploymentName = `test-${key}`): Promise<void> {
  const form = new FormData();
  form.set('deployment-name', deploymentName);
  form.append(`${key}.bpmn`, new Blob([xml]), `${key}.bpmn`);
  await engine.postForm('/deployment/create', form);
}
