// The moddle extension for Operaton's BPMN attributes. No operaton-bpmn-moddle exists: Operaton kept Camunda 7's
// vocabulary under its own namespace. Only the URI changes; the prefix stays `camunda` because the properties
// panel's Camunda 7 provider, the element templates and camunda-bpmn-js-behaviors all name types `camunda:…`.
// moddle matches namespaces by URI when reading and writes the prefix the document declares, so a diagram that
// declares xmlns:operaton keeps `operaton:topic`, `operaton:formRef`, … on save.
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

export const OPERATON_NAMESPACE = 'http://operaton.org/schema/1.0/bpmn';

export const operatonModdleDescriptor = { ...camundaDescriptor, uri: OPERATON_NAMESPACE };

/** The key bpmn-js's `moddleExtensions` option takes it under (the prefix the panel's code uses). */
export const OPERATON_MODDLE_PREFIX = 'camunda';
