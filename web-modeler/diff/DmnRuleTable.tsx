// One decision's rules as a table in the new version's columns: rows coloured by their change, changed cells bold
// with old → new, columns marked when added or changed.
import { ChangeKindTag, OldNew } from './change-display.tsx';
import type { DmnCell, DmnColumn, DmnRow } from './dmn-diff.ts';

function ColumnHeader({ column }: { column: DmnColumn }) {
  const className = [column.kind === 'output' ? 'dmn-diff-output' : '', column.status !== 'unchanged' ? `dmn-diff-col-${column.status}` : ''].join(' ');
  const kindName = column.kind === 'input' ? '输入' : '输出';
  return (
    <th className={className}>
      {column.status === 'added' && <ChangeKindTag kind="added" />}
      {column.status === 'changed' && <ChangeKindTag kind="changed" />}
      {column.label || kindName}
      {column.previous && column.previous.label !== column.label ? (
        <span className="dmn-diff-expr">
          名称：
          <OldNew oldValue={column.previous.label} newValue={column.label} />
        </span>
      ) : null}
      {column.previous && column.previous.expression !== column.expression ? (
        <span className="dmn-diff-expr">
          <OldNew oldValue={column.previous.expression} newValue={column.expression} />
        </span>
      ) : (
        <span className="dmn-diff-expr">{column.expression}</span>
      )}
      {column.previous && column.previous.typeRef !== column.typeRef && (
        <span className="dmn-diff-expr">
          类型：
          <OldNew oldValue={column.previous.typeRef} newValue={column.typeRef} />
        </span>
      )}
    </th>
  );
}

function CellView({ cell, className = '' }: { cell: DmnCell; className?: string }) {
  if (cell.changed) {
    return (
      <td className={`${className} dmn-diff-cell-changed`}>
        <OldNew oldValue={cell.oldText || '-'} newValue={cell.text || '-'} />
      </td>
    );
  }
  return <td className={className}>{cell.text || (className ? '' : '-')}</td>;
}

export function RuleTable({ columns, rows, allRows }: { columns: DmnColumn[]; rows: DmnRow[]; allRows: DmnRow[] }) {
  // Rule numbers as the new version counts them (removed rows have none there).
  const numbers = new Map<string, number>();
  let n = 0;
  for (const row of allRows) if (row.status !== 'removed') numbers.set(row.id, ++n);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="dmn-diff-table">
        <thead>
          <tr>
            <th>#</th>
            {columns.map((column) => (
              <ColumnHeader key={column.id} column={column} />
            ))}
            <th>注释</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`dmn-diff-${row.status}`} data-rule-id={row.id} data-status={row.status}>
              <td className="dmn-diff-number" title={row.id}>
                {numbers.get(row.id) ?? '—'}
              </td>
              {row.cells.map((cell) => (
                <CellView key={cell.columnId} cell={cell} />
              ))}
              <CellView cell={row.annotation} className="dmn-diff-annotation" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
