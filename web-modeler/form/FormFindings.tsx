// The findings of the live checks on a form: listed above it with the field each names (a click selects the field),
// and outlined on those fields in the canvas.
import type { Finding } from '../modeler-api.ts';
import type { FormComponent } from './form-schema.ts';

export interface ListedFinding {
  finding: Finding;
  component: FormComponent | undefined;
  /** 表单, or 字段「…」. */
  where: string;
}

/** Outlines on the fields findings name (form-js-editor marks each field's element with data-id). */
function findingsCss(marks: { id: string; category: Finding['category'] }[]): string {
  return marks
    .map(({ id, category }) => `.form-editor-canvas .fjs-element[data-id="${CSS.escape(id)}"] { outline: 2px solid var(--form-finding-${category}); outline-offset: 2px; }`)
    .join('\n');
}

export function FindingOutlines({ listed, form }: { listed: ListedFinding[]; form: FormComponent | undefined }) {
  return <style>{findingsCss(listed.filter((l) => l.component?.id && l.component !== form).map((l) => ({ id: l.component!.id!, category: l.finding.category })))}</style>;
}

export function FormFindingsList({ listed, onReveal }: { listed: ListedFinding[]; onReveal: (componentId: string) => void }) {
  if (listed.length === 0) return null;
  return (
    <ul className="form-editor-findings">
      {listed.map(({ finding, component, where }, i) => (
        <li key={i} className={`form-editor-finding-${finding.category}`}>
          <a onClick={() => component?.id && onReveal(component.id)} title={finding.elementId}>
            {finding.category === 'error' ? '错误' : '提醒'}（{where}）：{finding.message}
          </a>
        </li>
      ))}
    </ul>
  );
}
