// The modeler's calls to the API: what is deployed and at which versions (GET /api/definitions…), the source of a
// version, live checks of an edited file (POST /api/deployments/checks) and deployment with a change note
// (POST /api/deployments). Findings come back keyed by file and element, so an editor can mark its canvas.
import { api, ApiError, download } from '../web/src/lib/api.ts';

export type Kind = 'process' | 'decision' | 'form';

export const KIND_NAMES: Record<Kind, string> = { process: '流程', decision: '决策表', form: '表单' };

/** The file extension a kind is deployed under. */
export const KIND_EXTENSIONS: Record<Kind, string> = { process: 'bpmn', decision: 'dmn', form: 'form' };

export interface DefinitionSummary {
  kind: Kind;
  key: string;
  name: string | null;
  /** The file it is deployed in; one decision file (employee-counting.dmn) holds several decisions. */
  resource: string;
  latestVersion: number;
  definitionId: string | null;
  deploymentId: string;
}

export interface DefinitionVersion {
  version: number;
  definitionId: string | null;
  /** The file this version was deployed in: a change is deployed under the same name. */
  resource: string;
  deploymentId: string;
  deployedAt: string;
  /** The sign-in id of who deployed it. */
  deployedBy: string | null;
  /** Their name, where the sign-in gave one. */
  deployedByName: string | null;
  note: string | null;
  /** `web-modeler` (deployed here, with a note), `project-files` (npm start deployed processes/ and forms/). */
  source: string;
}

export interface ModelFile {
  /** A file name ending in .bpmn, .dmn or .form. */
  name: string;
  content: string;
}

/** One thing the checks found, on an element (or the file as a whole when elementId is empty). */
export interface Finding {
  file: string;
  elementId: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

export interface DeploymentResult {
  deploymentId: string;
  created: boolean;
  definitions: { kind: string; key: string; version: number; id: string; resource: string }[];
}

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
export const checkFiles = (files: ModelFile[]) => api<{ findings: Finding[] }>('POST', '/api/deployments/checks', { resources: files });

export const deploy = (files: ModelFile[], note: string) => api<DeploymentResult>('POST', '/api/deployments', { note, resources: files });

/** The file name a key is deployed under when no version says otherwise (annual-review → annual-review.bpmn). */
export const fileNameOf = (kind: Kind, key: string) => `${key}.${KIND_EXTENSIONS[kind]}`;

export { ApiError };

// POST /api/policy/previews (policy/impact-preview.ts has the server's side of these types).

export interface PreviewSelection {
  year: number;
  /** A county, or a city (xxxx00) for all its counties; all of Zhejiang when absent. */
  regionCode?: string;
  limit?: number;
}

export interface PreviewMonthJudgement {
  counted: boolean;
  /** Reason codes (review/reason-messages.ts MONTH_REASON_TEXT has their Chinese). */
  reasons: string[];
}

export interface PreviewMonthFlip {
  employeeIndex: number;
  /** YYYY-MM */
  month: string;
  before: PreviewMonthJudgement;
  after: PreviewMonthJudgement;
}

export interface PreviewFilingChange {
  filingId: string;
  employerName: string;
  employerUscc: string;
  regionCode: string;
  certifiedBefore: number;
  certifiedAfter: number;
  levyBefore: number;
  levyAfter: number;
  flips: PreviewMonthFlip[];
  flipsTruncated: boolean;
}

export interface ImpactPreview {
  filings: number;
  changed: number;
  totals: { certifiedCountBefore: number; certifiedCountAfter: number; levyPayableBefore: number; levyPayableAfter: number };
  byCounty: { regionCode: string; filings: number; changed: number; certifiedDelta: number; levyDelta: number }[];
  changes: PreviewFilingChange[];
  changesTruncated: boolean;
}

/** Replays the selected stored filings against the candidate decision files; nothing is written. */
export const previewImpact = (files: ModelFile[], filings: PreviewSelection) => api<ImpactPreview>('POST', '/api/policy/previews', { resources: files, filings });
