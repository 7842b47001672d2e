// The project's element templates (one per external-task topic) as the modeler offers them in its template chooser
// and names their fields in the diagram diff. The server serves them from the topic modules
// (GET /api/element-templates); they are asked for once per page load.
import { api } from '../../web/src/lib/api.ts';
import type { TemplateFile } from './template-bindings.ts';

let served: Promise<TemplateFile[]> | undefined;

/** Every template file, in the order the chooser lists them; a failed request is asked again next time. */
export function templateFiles(): Promise<TemplateFile[]> {
  served ??= api<TemplateFile[]>('GET', '/api/element-templates').catch((error: unknown) => {
    served = undefined;
    throw error;
  });
  return served;
}

/** The templates, or none when they cannot be had: the diagram still opens, only the chooser is empty. */
export function templateFilesOrNone(): Promise<TemplateFile[]> {
  return templateFiles().catch((error: unknown) => {
    console.error('element templates could not be loaded', error);
    return [];
  });
}
