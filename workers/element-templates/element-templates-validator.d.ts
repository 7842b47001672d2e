// Types for the part of @bpmn-io/element-templates-validator 2.26 (MIT, ships no types) that this project uses:
// the Camunda 7 element-template schema (@camunda/element-templates-json-schema), not the Zeebe one.
declare module '@bpmn-io/element-templates-validator' {
  export interface TemplateValidationError {
    message: string;
    /** JSON pointer of the offending value, e.g. `/properties/2/binding/type`. */
    instancePath?: string;
    keyword?: string;
    params?: Record<string, unknown>;
    /** Where the offending value sits in the validated text (0-based line and column). */
    dataPointer?: { value: { line: number; column: number; pos: number } };
  }

  export interface TemplateValidationResult {
    valid: boolean;
    /** The parsed template; null when the text is not JSON. */
    object: unknown;
    errors: TemplateValidationError[] | null | undefined;
    warnings: unknown[] | null;
  }

  /** Validates one template: its JSON text (positions in errors then point into that text) or an object. */
  export function validate(template: string | object): TemplateValidationResult;
  export function validateAll(templates: object[]): { valid: boolean; results: TemplateValidationResult[] };
  export function getSchemaPackage(): string;
  export function getSchemaVersion(): string;
}
