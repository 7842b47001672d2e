// What a window clerk found missing from a unit's paper (GET /api/filings/{id} `acceptance`), one item a line (none
// when the clerk wrote nothing), and the date by which the county's clerks accept or return the filing — as the process computed it. Shown to the
// employer on its filing and to the clerk beside the 受理 task.
import { Typography } from 'antd';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDate, provisionalNote } from '../../lib/format.ts';

type Acceptance = NonNullable<FilingDetail['acceptance']>;

/** The clerk's note as a list: one item per line or per "；". */
export function missingItems(note: string): string[] {
  return note.split(/[\n；;]+/).map((item) => item.trim()).filter(Boolean);
}

export function MissingMaterials({ acceptance, dueLabel }: { acceptance: Acceptance; dueLabel: string }) {
  const items = missingItems(acceptance.missingMaterials);
  return (
    <div data-testid="missing-materials">
      {items.length > 0 && (
        <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
          {items.map((item) => (
            <li key={item} data-testid="missing-material">{item}</li>
          ))}
        </ul>
      )}
      <Typography.Text strong data-testid="acceptance-due">
        {dueLabel}：{acceptance.dueAt ? `${chineseDate(acceptance.dueAt)}${provisionalNote(acceptance.provisional)}` : '正在计算，请稍候'}
      </Typography.Text>
    </div>
  );
}
