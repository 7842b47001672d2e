// The small pieces every diff view shows the same way: the kind of a change as a coloured tag, and a value's
// old → new (old struck through in red, new in green).
import { Tag } from 'antd';

export type DisplayedChange = 'added' | 'removed' | 'changed' | 'layout';

export const CHANGE_KIND_NAMES: Record<DisplayedChange, string> = { added: '新增', removed: '删除', changed: '修改', layout: '移动' };

const TAG_COLORS: Record<DisplayedChange, string> = { added: 'green', removed: 'red', changed: 'gold', layout: 'blue' };

export function ChangeKindTag({ kind }: { kind: DisplayedChange }) {
  return <Tag color={TAG_COLORS[kind]}>{CHANGE_KIND_NAMES[kind]}</Tag>;
}

export function OldNew({ oldValue, newValue }: { oldValue: string | null; newValue: string | null }) {
  return (
    <span className="diff-old-new">
      {oldValue === null ? <span className="diff-none">（无）</span> : <del className="diff-old">{oldValue}</del>}
      <span className="diff-arrow">→</span>
      {newValue === null ? <span className="diff-none">（无）</span> : <ins className="diff-new">{newValue}</ins>}
    </span>
  );
}
