// Builds the bpmn-js modeler for Operaton diagrams: properties panel with the Camunda 7 provider (Operaton's
// attributes: topic, candidate groups, formRef, input/output, timers, history time to live, asyncBefore), the
// Camunda 7 modelling behaviours, the project's element templates with their chooser, working-day counts as number
// fields (deadline-properties.ts), Chinese labels; nothing a deployment may not contain is offered
// (no-code-options.ts).
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import { DeadlinePropertiesModule } from './deadline-properties.ts';
import { OPERATON_MODDLE_PREFIX, operatonModdleDescriptor } from './operaton-moddle.ts';
import { NoCodeOptionsModule } from './no-code-options.ts';
import { ReadOnlyModule } from './read-only.ts';
import { forModeler, type TemplateFile } from './template-bindings.ts';
import { TranslateModule } from './translate.ts';

/** `templates`: the project's element templates as served (element-templates.ts). */
export function createModeler(options: { canvas: HTMLElement; panel: HTMLElement; readOnly: boolean; templates: readonly TemplateFile[] }): BpmnModeler {
  return new BpmnModeler({
    container: options.canvas,
    keyboard: { bind: !options.readOnly },
    propertiesPanel: { parent: options.panel },
    elementTemplates: options.templates.map(forModeler),
    moddleExtensions: { [OPERATON_MODDLE_PREFIX]: operatonModdleDescriptor },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaPlatformBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      NoCodeOptionsModule,
      DeadlinePropertiesModule,
      TranslateModule,
      ...(options.readOnly ? [ReadOnlyModule] : []),
    ],
  });
}
