// Types for the untyped packages this folder uses, bpmn-moddle 9 and saxen: only what parseBpmn and xml-tree touch.
declare module 'bpmn-moddle' {
  /** One node of a parsed BPMN model: typed properties plus moddle's generic accessors. */
  export interface ModdleElement {
    readonly $type: string;
    readonly $parent?: ModdleElement;
    readonly $attrs?: Record<string, string>;
    readonly id?: string;
    readonly name?: string;
    $instanceOf(type: string): boolean;
    get(name: string): unknown;
    [property: string]: unknown;
  }

  /** A problem the reader tolerated (lax mode): unknown element, unresolved reference, broken markup. */
  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: string;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
  }

  export default class BpmnModdle {
    constructor(additionalPackages?: Record<string, object>, options?: object);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}

declare module 'saxen' {
  type Decode = (text: string) => string;
  export class Parser {
    on(event: 'openTag', handler: (name: string, getAttributes: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void): void;
    on(event: 'closeTag', handler: (name: string, decode: Decode, selfClosing: boolean) => void): void;
    on(event: 'text', handler: (value: string, decode: Decode) => void): void;
    on(event: 'cdata', handler: (value: string) => void): void;
    on(event: 'error' | 'warn', handler: (error: Error) => void): void;
    parse(xml: string): void;
  }
}
