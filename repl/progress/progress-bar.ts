// The progress line of a long bounded run: a bar, the percentage, events so far, the rate and the time left
// ("[██████░░░░] 61% · 1,234,567 events · 412,000 events/s · ETA 3 s"). The fraction is how far the sources
// have read (bytes of a file, elements of an array, a bounded generator's count).

export interface RunProgress {
  /** Share of the input read, 0..1, or null when the sources do not say how long they are. */
  readonly fraction: number | null;
  readonly events: number;
  /** Wall time since the run started. */
  readonly elapsedMs: number;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function renderProgressBar(p: RunProgress, width: number): string {
  const rate = p.elapsedMs > 0 ? (p.events * 1000) / p.elapsedMs : 0;
  const parts = [`${COUNT.format(p.events)} events`, `${COUNT.format(rate)} events/s`];
  if (p.fraction === null) return ['running', ...parts, `${formatDuration(p.elapsedMs)} so far`].join(' · ');
  const f = Math.min(1, Math.max(0, p.fraction));
  const eta = f > 0 ? (p.elapsedMs * (1 - f)) / f : NaN;
  const tail = [`${Math.floor(f * 100)}%`, ...parts, `ETA ${Number.isFinite(eta) ? formatDuration(eta) : '?'}`].join(' · ');
  const barWidth = Math.max(5, Math.min(30, width - tail.length - 3));
  const filled = Math.round(f * barWidth);
  return `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${tail}`;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Mean share read over the sources that know their length; null when none does. */
export function fractionOf(sources: readonly { offset: number; total: number | undefined }[]): number | null {
  const known = sources.filter((s) => s.total !== undefined && s.total > 0);
  if (known.length === 0) return null;
  return known.reduce((sum, s) => sum + Math.min(1, s.offset / (s.total as number)), 0) / known.length;
}
