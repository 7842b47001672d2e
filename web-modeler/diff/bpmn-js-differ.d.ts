// Types for bpmn-js-differ 3 (it ships none): only the result bpmn-diff.ts reads.
declare module 'bpmn-js-differ' {
  interface DifferElement {
    readonly $type: string;
    readonly id?: string;
    readonly name?: string;
  }

  export interface DifferResult {
    _added: Record<string, DifferElement>;
    _removed: Record<string, DifferElement>;
    /** Beware: in 3.2 `oldValue` holds the new document's value and `newValue` the old one's. */
    _changed: Record<string, { model: DifferElement; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, DifferElement>;
  }

  export function diff(oldDefinitions: object, newDefinitions: object): DifferResult;
}
