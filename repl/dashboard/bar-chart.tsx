// A horizontal bar chart of the top keys: one line per bar, "label │████████ value", bars scaled to the
// largest value and to the width given.
import { Box, Text } from 'ink';
import { formatCell } from '../../runtime/views/text-table.ts';
import type { Bar } from './view-model.ts';

export function barLines(bars: readonly Bar[], width: number): string[] {
  if (bars.length === 0) return [];
  const labelWidth = Math.min(14, Math.max(...bars.map((b) => b.label.length)));
  const values = bars.map((b) => formatCell(b.value));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const room = Math.max(1, width - labelWidth - valueWidth - 3);
  const max = Math.max(...bars.map((b) => Math.abs(b.value)));
  return bars.map((b, i) => {
    const label = b.label.length > labelWidth ? b.label.slice(0, labelWidth - 1) + '…' : b.label.padEnd(labelWidth);
    const n = max === 0 ? 0 : Math.max(b.value !== 0 ? 1 : 0, Math.round((Math.abs(b.value) / max) * room));
    return `${label} │${'█'.repeat(n)}${' '.repeat(room - n)} ${(values[i] as string).padStart(valueWidth)}`;
  });
}

export interface BarChartProps {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly width: number;
}

export function BarChart({ title, bars, width }: BarChartProps) {
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {title}
      </Text>
      {bars.length === 0 ? <Text dimColor>(no rows yet)</Text> : null}
      {barLines(bars, width).map((line, i) => (
        <Text key={i} color="green" wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
