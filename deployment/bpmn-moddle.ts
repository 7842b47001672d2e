// Reads BPMN XML in the Operaton dialect into a moddle tree. There is no operaton moddle package: Operaton kept
// Camunda 7's extension vocabulary under a new namespace, so the camunda descriptor is copied with the operaton
// namespace and prefix. Older `camunda:` diagrams still parse, with the camunda descriptor itself.
import BpmnModdle, { type ModdleElement, type ParseWarning } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

export type { ModdleElement, ParseWarning };

export const OPERATON_NAMESPACE = 'http://operaton.org/schema/1.0/bpmn';
export const CAMUNDA_NAMESPACE = camundaDescriptor.uri;

/** Turns every `camunda:` type or property reference inside the descriptor into an `operaton:` one. */
function renamePrefix(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('camunda:') ? `operaton:${value.slice('camunda:'.length)}` : value;
  if (Array.isArray(value)) return value.map(renamePrefix);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, renamePrefix(inner)]));
  }
  return value;
}

// The descriptor refers to its own types by prefix ("camunda:AsyncCapable", "camunda:ServiceTaskLike"); left as
// they are, operaton types would extend and be allowed in camunda ones instead of their own.
const operatonDescriptor = {
  ...(renamePrefix(camundaDescriptor) as object),
  name: 'Operaton',
  uri: OPERATON_NAMESPACE,
  prefix: 'operaton',
};

export interface ParsedBpmn {
  rootElement: ModdleElement;
  /** What the reader tolerated: unknown elements or attributes, references to ids that do not exist. */
  warnings: ParseWarning[];
}

/** Thrown for text that cannot be read as a BPMN document, or only in part. */
export class BpmnParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BpmnParseError';
  }
}

// The reader's message for what it could not read: broken markup, or an element the vocabulary does not have.
const UNREADABLE = /^unparsable content/;

// One moddle cannot hold both vocabularies: both add the same property names (topic, formRef, …) to the same
// BPMN types, and moddle refuses a second definition of a name. So each document is read with the vocabulary it
// declares. In a document that declares both, the camunda attributes stay readable through
// `element.get('camunda:…')` (moddle keeps them as plain attributes); see `extensionValue` in lint-rules.
const operatonModdle = () => new BpmnModdle({ operaton: operatonDescriptor });
const camundaModdle = () => new BpmnModdle({ camunda: camundaDescriptor });

function moddleFor(xml: string): BpmnModdle {
  return !xml.includes(OPERATON_NAMESPACE) && xml.includes(CAMUNDA_NAMESPACE) ? camundaModdle() : operatonModdle();
}

/** Parses BPMN XML with the bpmn vocabulary and the operaton (or, for older files, camunda) extensions. */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const moddle = moddleFor(xml);
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    throw new BpmnParseError(`BPMN 文件无法解析：${(error as Error).message}`, { cause: error });
  }
  // The reader is lax: what it cannot read becomes a warning and is skipped with everything inside it — after
  // broken markup, the rest of the file; after a misspelt bpmn: or operaton: element, that element. A diagram
  // read only in part must not pass as a whole one.
  const unreadable = parsed.warnings.find((warning) => UNREADABLE.test(warning.message));
  if (unreadable) throw new BpmnParseError(`BPMN 文件无法解析：${unreadable.message}`, { cause: unreadable.error });
  return { rootElement: parsed.rootElement, warnings: parsed.warnings };
}
