// The findings of the active tab, above the canvas; a click brings the element into sight.
import type { Finding } from '../modeler-api.ts';

export function DmnFindingsList({ findings, onReveal }: { findings: Finding[]; onReveal: (elementId: string) => void }) {
  if (findings.length === 0) return null;
  return (
    <ul className="dmn-editor-findings">
      {findings.map((f, i) => (
        <li key={i} className={`dmn-editor-finding-${f.category}`}>
          <a onClick={() => f.elementId && onReveal(f.elementId)}>
            {f.category === 'error' ? '错误' : '提醒'}：{f.message}
          </a>
        </li>
      ))}
    </ul>
  );
}
