// The modeler's calls to the API: what is deployed and at which versions (GET /api/definitions…), the source of a
// version, live checks of an edited file (POST /api/deployments/checks) and deployment with a change note
// (POST /api/deployments). Findings come back keyed by file and element, so an editor can mark its canvas.
// The shapes are the API's published contract (api/deployment.ts, api/impact-preview.ts).
import type { CheckFindings, DefinitionKind, DefinitionSummary, DefinitionVersion, DeploymentResult, Finding, ModelFile } from '../api/deployment.ts';
import type { ImpactPreview, PreviewFilingChange, PreviewMonthFlip, PreviewMonthJudgement, PreviewSelection } from '../api/impact-preview.ts';
import { api, ApiError, download } from '../web/src/lib/api.ts';

export type Kind = DefinitionKind;
export type { DefinitionSummary, DefinitionVersion, DeploymentResult, Finding, ModelFile };

export const KIND_NAMES: Record<Kind, string> = { process: '流程', decision: '决策表', form: '表单' };

/** The file extension a kind is deployed under. */
export const KIND_EXTENSIONS: Record<Kind, string> = { process: 'bpmn', decision: 'dmn', form: 'form' };

export const listDefinitions = (kind: Kind) => api<DefinitionSummary[]>('GET', `/api/definitions?kind=${kind}`);

export const versionsOf = (kind: Kind, key: string) =>
  api<DefinitionVersion[]>('GET', `/api/definitions/${kind}/${encodeURIComponent(key)}/versions`);

/** The deployed text (BPMN or DMN XML, form JSON) of one version. */
export async function sourceOf(kind: Kind, key: string, version: number): Promise<string> {
  const { url } = await download(`/api/definitions/${kind}/${encodeURIComponent(key)}/versions/${version}/source`);
  try {
    return await (await fetch(url)).text();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The same checks a deployment runs, without deploying: every finding, warnings included. */
export const checkFiles = (files: ModelFile[]) => api<CheckFindings>('POST', '/api/deployments/checks', { resources: files });

export const deploy = (files: ModelFile[], note: string) => api<DeploymentResult>('POST', '/api/deployments', { note, resources: files });

/** The file name a key is deployed under when no version says otherwise (annual-review → annual-review.bpmn). */
export const fileNameOf = (kind: Kind, key: string) => `${key}.${KIND_EXTENSIONS[kind]}`;

export { ApiError };

// POST /api/policy/previews.
export type { ImpactPreview, PreviewFilingChange, PreviewMonthFlip, PreviewMonthJudgement, PreviewSelection };

/** Replays the selected stored filings against the candidate decision files; nothing is written. */
export const previewImpact = (files: ModelFile[], filings: PreviewSelection) => api<ImpactPreview>('POST', '/api/policy/previews', { resources: files, filings });
