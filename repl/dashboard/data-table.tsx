// A view's rows as a text table (the same rendering as view.text(): aligned columns, numbers right-aligned,
// window bounds as times of day), cut to the width and number of rows the panel has room for.
import { Text } from 'ink';
import { renderTextTable } from '../../runtime/index.ts';

export interface DataTableProps {
  readonly rows: readonly Record<string, unknown>[];
  readonly total: number;
  readonly width: number;
}

export function DataTable({ rows, total, width }: DataTableProps) {
  const footer = total === 0 ? '(no rows yet)' : rows.length < total ? `showing ${rows.length} of ${total} rows` : `${total} ${total === 1 ? 'row' : 'rows'}`;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = rows.length === 0 ? footer : renderTextTable(rows, { columns, width, footer });
  return <Text wrap="truncate-end">{text}</Text>;
}
