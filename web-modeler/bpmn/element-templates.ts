// The project's element templates (one per external-task topic) as the modeler offers them in its template chooser
// and names their fields in the diagram diff. The server serves them from the topic modules
// (GET /api/element-templates); they are asked for once per page load.
import { api } from '../../web/src/lib/api.ts';
import { forModeler, type TemplateFile } from './template-bindings.ts';

let served: Promise<TemplateFile[]> | undefined;

/** Every template file, in the order the chooser lists them; a failed request is asked again next time. */
export function templateFiles(): Promise<TemplateFile[]> {
  served ??= api<TemplateFile[]>('GET', '/api/element-templates').catch((error: unknown) => {
    served = undefined;
    throw error;
  });
  return served;
}

/** The templates as bpmn-js-element-templates loads them: `done(error, templates)`, with the modeler's attribute names. */
export function loadModelerTemplates(done: (error: Error | null, templates?: TemplateFile[]) => void): void {
  templateFiles().then(
    (files) => done(null, files.map(forModeler)),
    (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
  );
}
