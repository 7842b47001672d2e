// bpmn.io packages used by the BPMN editor that ship no TypeScript types: each is a diagram-js (didi) module.
declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
  /** A service of the modeler, from inside a properties-panel entry. */
  export function useService(type: string): unknown;
}
declare module 'bpmn-js-element-templates' {
  import type { ModuleDeclaration } from 'didi';
  export const ElementTemplatesPropertiesProviderModule: ModuleDeclaration;
}
declare module '@bpmn-io/element-template-chooser' {
  import type { ModuleDeclaration } from 'didi';
  const ElementTemplateChooserModule: ModuleDeclaration;
  export default ElementTemplateChooserModule;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  import type { ModuleDeclaration } from 'didi';
  const CamundaPlatformBehaviorsModule: ModuleDeclaration;
  export default CamundaPlatformBehaviorsModule;
}
declare module 'bpmn-js-i18n/translations/zn.js' {
  const translations: Record<string, string>;
  export default translations;
}
declare module '@bpmn-io/properties-panel' {
  export function NumberFieldEntry(props: Record<string, unknown>): unknown;
  export function isNumberFieldEntryEdited(node: unknown): boolean;
}
