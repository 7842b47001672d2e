// Reads an XML document into a plain tree with every element and attribute name resolved to its namespace URI, the
// way the engine's parser sees it: prefixes are the document's own choice, so a rule must never trust them. Text
// and CDATA both count as an element's text (an expression hidden in CDATA is still an expression). Strict: what
// the reader cannot read whole is an error, never a partial tree.
import { Parser } from 'saxen';

export interface XmlName {
  /** The namespace URI; '' for none (BPMN's own attributes, which belong to their element). */
  uri: string;
  local: string;
  /** The name as written, for messages. */
  qualified: string;
}

export interface XmlAttribute extends XmlName {
  value: string;
}

export interface XmlElement extends XmlName {
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Text and CDATA directly inside this element, joined. */
  text: string;
  parent: XmlElement | undefined;
}

export class XmlReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlReadError';
  }
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML = 'http://www.w3.org/XML/1998/namespace';

type Scope = Map<string, string>;

function resolve(qualified: string, scope: Scope, isAttribute: boolean): XmlName {
  const colon = qualified.indexOf(':');
  if (colon < 0) return { uri: isAttribute ? '' : (scope.get('') ?? ''), local: qualified, qualified };
  const prefix = qualified.slice(0, colon);
  const local = qualified.slice(colon + 1);
  if (prefix === 'xml') return { uri: XML, local, qualified };
  const uri = scope.get(prefix);
  if (uri === undefined) throw new XmlReadError(`XML 文件中使用了未声明的前缀 ${prefix}（${qualified}）`);
  return { uri, local, qualified };
}

/** Parses `xml` into a namespace-resolved tree; throws XmlReadError for anything not well-formed. */
export function readXmlTree(xml: string): XmlElement {
  const parser = new Parser();
  const scopes: Scope[] = [new Map()];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: string | undefined;

  parser.on('openTag', (name: string, getAttributes: () => Record<string, string>, decode: (s: string) => string, selfClosing: boolean) => {
    const raw = getAttributes();
    const scope: Scope = new Map(scopes[scopes.length - 1]);
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns') scope.set('', decode(value));
      else if (key.startsWith('xmlns:')) scope.set(key.slice(6), decode(value));
    }
    const parent = stack[stack.length - 1];
    const element: XmlElement = {
      ...resolve(name, scope, false),
      attributes: Object.entries(raw)
        .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
        .map(([key, value]) => ({ ...resolve(key, scope, true), value: decode(value) })),
      children: [],
      text: '',
      parent,
    };
    if (parent) parent.children.push(element);
    else if (root) throw new XmlReadError('XML 文件有多个根元素');
    else root = element;
    if (!selfClosing) {
      stack.push(element);
      scopes.push(scope);
    }
  });
  parser.on('closeTag', (_name: string, _decode: unknown, selfClosing: boolean) => {
    if (selfClosing) return;
    stack.pop();
    scopes.pop();
  });
  const addText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
    else if (text.trim() !== '') failure ??= 'XML 文件的根元素之外有文字';
  };
  parser.on('text', (value: string, decode: (s: string) => string) => addText(decode(value)));
  parser.on('cdata', (value: string) => addText(value));
  parser.on('error', (error: Error) => {
    failure ??= error.message;
  });
  parser.on('warn', (warning: Error) => {
    failure ??= warning.message;
  });
  try {
    parser.parse(xml);
  } catch (error) {
    if (error instanceof XmlReadError) throw error;
    throw new XmlReadError((error as Error).message);
  }
  if (failure !== undefined) throw new XmlReadError(failure);
  if (!root) throw new XmlReadError('XML 文件没有根元素');
  if (stack.length > 0) throw new XmlReadError(`XML 文件不完整：元素 ${stack[stack.length - 1]!.qualified} 没有结束`);
  return root;
}

/**
 * The id of the nearest element, this one or an ancestor, that has one: where a finding is shown. An event
 * definition has no shape of its own in the modeler: its findings go on its event (the engine's guard does the same).
 */
export function nearestId(element: XmlElement | undefined): string {
  for (let at = element; at; at = at.parent) {
    if (at.local.endsWith('EventDefinition')) continue;
    const id = at.attributes.find((a) => a.uri === '' && a.local === 'id')?.value;
    if (id) return id;
  }
  return '';
}

/** Every element below `element`, depth first, in document order. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

/** The value of the attribute `uri`:`local` (`''` for an unqualified one), or undefined. */
export const attribute = (element: XmlElement, uri: string, local: string): string | undefined =>
  element.attributes.find((a) => a.uri === uri && a.local === local)?.value;

export { XMLNS };
