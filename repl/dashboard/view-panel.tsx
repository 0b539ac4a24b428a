// One view on the dashboard: its name and row count, its table, a bar chart of the top keys of the latest
// window and a sparkline of the largest value of each window, laid out for the room the panel has.
import { Box, Text } from 'ink';
import { BarChart } from './bar-chart.tsx';
import { DataTable } from './data-table.tsx';
import { Sparkline } from './sparkline.tsx';
import type { PanelLayout } from './panel-layout.ts';
import type { ViewModel } from './view-model.ts';

export interface ViewPanelProps {
  readonly model: ViewModel;
  readonly layout: PanelLayout;
  /** Samples of the measure over time, for views that are not windowed. */
  readonly samples: readonly number[];
}

export function ViewPanel({ model, layout, samples }: ViewPanelProps) {
  const measure = model.measure ?? 'value';
  const charts = (
    <Box flexDirection="column" width={layout.chartWidth}>
      <BarChart title={model.windowed ? `top ${measure} in the latest window` : `top ${measure}`} bars={model.bars} width={layout.chartWidth} />
      <Sparkline label={model.windowed ? `max ${measure} per window` : `${measure} over time`} values={model.windowed ? model.series : samples} width={layout.chartWidth} />
    </Box>
  );
  return (
    <Box flexDirection="column">
      <Text bold color="magenta" wrap="truncate-end">
        ▌{model.name}
      </Text>
      <Box flexDirection={layout.sideBySide ? 'row' : 'column'} columnGap={3}>
        <Box width={layout.tableWidth}>
          <DataTable rows={model.rows} total={model.total} width={layout.tableWidth} />
        </Box>
        {charts}
      </Box>
    </Box>
  );
}
