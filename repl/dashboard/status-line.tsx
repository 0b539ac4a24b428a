// The dashboard's status line: running/paused/finished, events in, events/s, the watermark and how far it is
// behind the wall clock (or, in a replay, the virtual time), late events dropped, dead letters and the speed.
import { Text } from 'ink';
import type { ViewProgress } from '../../runtime/index.ts';
import { formatWatermark } from '../../runtime/views/progress.ts';
import type { PlaybackStatus } from '../playback/playback-controls.ts';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export interface StatusInfo {
  readonly status: PlaybackStatus | ViewProgress['status'];
  readonly progress: ViewProgress;
  readonly clock: 'wall' | 'virtual';
  /** Wall time, or the replay's virtual time, in ms. */
  readonly now: number | null;
  readonly speed?: number | undefined;
}

export function statusParts(s: StatusInfo): string[] {
  const p = s.progress;
  const lag = p.watermark !== null && s.now !== null ? ` (${lagText(s.now - p.watermark)} behind ${s.clock === 'wall' ? 'wall clock' : 'replay time'})` : '';
  return [
    s.status === 'created' ? 'not started' : s.status,
    `${COUNT.format(p.eventsIn)} events in`,
    `${COUNT.format(p.eventsPerSecond)} events/s`,
    `watermark ${formatWatermark(p.watermark)}${lag}`,
    `${COUNT.format(p.lateDropped)} late`,
    `${COUNT.format(p.deadLetters)} dead letters`,
    ...(s.speed !== undefined ? [`speed ${s.speed}×`] : []),
  ];
}

function lagText(ms: number): string {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const COLORS: Record<string, string> = { running: 'green', paused: 'yellow', finished: 'blue', stopped: 'gray', failed: 'red' };

export function StatusLine(props: StatusInfo & { readonly width: number }) {
  const [status, ...rest] = statusParts(props);
  return (
    <Text wrap="wrap">
      <Text bold color={COLORS[String(props.status)] ?? 'white'}>
        {status}
      </Text>
      {' · ' + rest.join(' · ')}
    </Text>
  );
}
