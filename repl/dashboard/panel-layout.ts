// How much of a view panel fits: table rows and bars for the height each panel gets, and whether the charts
// go beside the table (wide terminals) or under it.

export interface PanelLayout {
  readonly sideBySide: boolean;
  readonly tableWidth: number;
  readonly chartWidth: number;
  readonly tableRows: number;
  readonly bars: number;
}

/** Lines of the dashboard outside the panels: title, status line (up to two), key help, message. */
export const CHROME_LINES = 5;

export function panelLayout(columns: number, rows: number, panels: number): PanelLayout {
  const height = Math.max(6, Math.floor((rows - CHROME_LINES) / Math.max(1, panels)));
  const sideBySide = columns >= 100;
  // A panel: its title, then the table (header, rule, rows, footer) and the charts (title, bars, sparkline).
  if (sideBySide) {
    const tableWidth = Math.floor(columns * 0.58);
    const body = height - 1;
    return { sideBySide, tableWidth, chartWidth: columns - tableWidth - 3, tableRows: Math.max(1, body - 3), bars: Math.max(1, Math.min(10, body - 2)) };
  }
  const body = height - 1 - 1; // the sparkline line
  const tableRows = Math.max(1, Math.floor((body - 4) * 0.55));
  return { sideBySide, tableWidth: columns, chartWidth: columns, tableRows, bars: Math.max(1, Math.min(8, body - 4 - tableRows)) };
}
