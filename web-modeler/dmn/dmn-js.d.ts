// dmn-js 17 ships no type declarations: the part of its API the DMN editor uses.
declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    id: string;
    name?: string;
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
    element: { id: string; $type: string; [key: string]: unknown };
  }
  /** One view's diagram-js / table-js instance: services by name. */
  export interface DmnViewer {
    get<T = any>(service: string, strict?: boolean): T;
    on(event: string, callback: (event: any) => void): void;
  }
  export default class DmnModeler {
    constructor(options?: Record<string, unknown>);
    importXML(xml: string, options?: { open?: boolean }): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getView(element: unknown): DmnView | undefined;
    getActiveView(): DmnView | undefined;
    getActiveViewer(): DmnViewer | undefined;
    getDefinitions(): any;
    open(view: DmnView): Promise<unknown>;
    on(event: string, callback: (event: any) => void): void;
    off(event: string, callback: (event: any) => void): void;
    destroy(): void;
  }
}

declare module 'dmn-js/lib/Viewer' {
  export { default } from 'dmn-js/lib/Modeler';
}
