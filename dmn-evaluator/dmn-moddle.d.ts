// dmn-moddle ships no types; this declares the little of it the decision model reads.
declare module 'dmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    $attrs?: Record<string, string>;
    [key: string]: unknown;
  }
  export class DmnModdle {
    fromXML(xml: string, type?: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  }
}
