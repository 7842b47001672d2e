// Types for the one untyped package this folder uses, bpmn-moddle 9: only what parseBpmn touches.
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
