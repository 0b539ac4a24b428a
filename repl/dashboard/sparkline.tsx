// A sparkline: a series as one line of block characters (▁▂▃▄▅▆▇█), the last `width` values, scaled between
// the smallest and largest shown, with a label and the latest value.
import { Text } from 'ink';
import { formatCell } from '../../runtime/views/text-table.ts';

const BLOCKS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-Math.max(1, width));
  if (shown.length === 0) return '';
  const min = Math.min(...shown);
  const max = Math.max(...shown);
  return shown
    .map((v) => BLOCKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))] as string)
    .join('');
}

export interface SparklineProps {
  readonly label: string;
  readonly values: readonly number[];
  readonly width: number;
}

export function Sparkline({ label, values, width }: SparklineProps) {
  const last = values.at(-1);
  const tail = last === undefined ? ' (no data yet)' : ` ${formatCell(last)}`;
  const room = Math.max(1, width - label.length - tail.length - 1);
  return (
    <Text wrap="truncate-end">
      {label} <Text color="cyan">{sparkline(values, room)}</Text>
      {tail}
    </Text>
  );
}
