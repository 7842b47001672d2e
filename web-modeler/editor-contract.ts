// What every editor of the modeler (BPMN, DMN, form) offers the page around it, so that loading, live checks, the
// findings list and deployment are written once (EditorPage.tsx, use-opened-file.ts, use-live-checks.ts) for all three.
import type { Finding, ModelFile } from './modeler-api.ts';

export interface EditorHandle {
  /** The edited file as it stands now (XML or form JSON), under the file name it was opened with. */
  current(): Promise<ModelFile>;
  /** Brings an element (BPMN/DMN element id, or a form component's id or JSON path) into view and selects it. */
  reveal(elementId: string): void;
}

export interface EditorProps {
  /** annual-review.bpmn, employee-counting.dmn, manual-review.form … */
  fileName: string;
  /** The text opened: a deployed version's source. */
  initial: string;
  /** What the checks found in this file: each is marked on its element (errors red, warnings amber). */
  findings: Finding[];
  /** Called after every change the user makes (debounce is the page's job). */
  onChange: () => void;
  /** View only: no palette, no edits (roles that may read but not deploy). */
  readOnly: boolean;
  /** An element to bring into view once the file is open (`?element=` in the page's address; BPMN and DMN). */
  revealOnOpen?: string;
}
