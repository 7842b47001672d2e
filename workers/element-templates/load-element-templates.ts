// The project's element templates (Camunda 7 element-template schema): one per external-task topic, so that a
// bpmn-js modeler can offer "核验养老保险缴纳（人社）" instead of a blank service task. Connectors keep theirs beside
// their client (`connectors/<folder>/element-template.json`); the other workers' topics have theirs here
// (`workers/element-templates/<topic>.json`). See this folder's README for the namespace choice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@bpmn-io/element-templates-validator';

/** The schema every template names in `$schema` and is checked against. */
export const ELEMENT_TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface ElementTemplateBinding {
  type: string;
  name?: string;
  source?: string;
}

export interface ElementTemplateProperty {
  type?: string;
  label?: string;
  description?: string;
  value?: string | number | boolean;
  group?: string;
  editable?: boolean;
  /** An input or output the user may leave empty: the modeler then writes no mapping at all. */
  optional?: boolean;
  choices?: { name: string; value: string }[];
  constraints?: {
    notEmpty?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string | { value: string; message?: string };
  };
  binding: ElementTemplateBinding;
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  version: number;
  name: string;
  description: string;
  appliesTo: string[];
  keywords?: string[];
  groups?: { id: string; label: string }[];
  properties: ElementTemplateProperty[];
}

/** A template file that is not JSON, does not match the schema, or repeats another template's id. */
export class ElementTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElementTemplateError';
  }
}

function jsonFilesIn(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => path.posix.join(folder, entry.name))
    : [];
}

/**
 * Every template file, relative to `root` with `/` separators, sorted: `connectors/*\/element-template.json` and
 * `workers/element-templates/*.json`.
 */
export function elementTemplateFiles(root: string = PROJECT_ROOT): string[] {
  const connectors = path.join(root, 'connectors');
  const connectorFiles = existsSync(connectors)
    ? readdirSync(connectors, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.posix.join('connectors', entry.name, 'element-template.json'))
        .filter((file) => existsSync(path.join(root, file)))
    : [];
  return [...connectorFiles, ...jsonFilesIn(root, 'workers/element-templates')].sort();
}

/** One validation error as a line a person can act on: where in the file, what is wrong. */
export function describeTemplateError(error: { message: string; instancePath?: string; dataPointer?: { value: { line: number } } }): string {
  const where = error.dataPointer ? `line ${error.dataPointer.value.line + 1}` : 'file';
  return `${where}${error.instancePath ? ` (${error.instancePath})` : ''}: ${error.message}`;
}

/**
 * Reads and checks every template file: each must be JSON that the element-template validator accepts, and no two
 * may share an id. Throws ElementTemplateError naming the file otherwise, so a broken template is never served.
 */
export function loadElementTemplates(root: string = PROJECT_ROOT): ElementTemplate[] {
  const byId = new Map<string, string>();
  return elementTemplateFiles(root).map((file) => {
    const result = validate(readFileSync(path.join(root, file), 'utf8'));
    if (!result.valid) {
      const errors = (result.errors ?? []).map(describeTemplateError);
      throw new ElementTemplateError(`${file} is not a valid element template: ${errors.join('; ') || 'invalid'}`);
    }
    const template = result.object as ElementTemplate;
    const other = byId.get(template.id);
    if (other !== undefined) throw new ElementTemplateError(`${file} repeats the template id ${template.id} of ${other}`);
    byId.set(template.id, file);
    return template;
  });
}
