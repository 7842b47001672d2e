// What the deployment checks find in submitted diagrams, decisions and forms, and how a finding becomes a field
// error: shared by POST /api/deployments, its checks endpoint, the checking thread and the impact preview.
import type { EngineError, EngineRest } from '../platform/engine-rest.ts';
import type { FieldError } from '../platform/problem.ts';
import { WORKER_TOPICS } from '../workers/registry.ts';
import { lintBpmn } from './bpmn-lint.ts';
import { lintDmn } from './dmn-lint.ts';
import { projectResources, type Resource } from './deploy-resources.ts';
import { checkForm } from './form-check.ts';
import { formPolicyFindings } from './policy/form-content.ts';
import { resourceFindings } from './policy/resource-rules.ts';

export function formIdOf(content: string): string | undefined {
  try {
    const id = (JSON.parse(content) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
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
