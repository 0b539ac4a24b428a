// The live dashboard: every chosen view as a panel (table, bar chart, sparkline), one status line, and the
// keys — space pause/resume, → step, + / − speed, q back to the prompt (the pipeline keeps running). It
// samples the views every `refreshMs` and lays itself out for the terminal's size, again on every resize.
import { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { View } from '../../runtime/index.ts';
import { nextSpeed, type PlaybackControls } from '../playback/playback-controls.ts';
import { panelLayout } from './panel-layout.ts';
import { StatusLine } from './status-line.tsx';
import { useTerminalSize } from './use-terminal-size.ts';
import { viewModel } from './view-model.ts';
import { ViewPanel } from './view-panel.tsx';

export interface DashboardProps {
  readonly views: readonly View<unknown>[];
  readonly controls: PlaybackControls;
  readonly onQuit: () => void;
  readonly refreshMs?: number;
  readonly title?: string;
}

const SAMPLES = 120;
const STEP_HINT = '→ steps a replay (env.fromRecording + env.replay); a live job can only pause and resume';
const SPEED_HINT = '+ / − change the speed of a replay; a live source keeps its own pace';

export function Dashboard({ views, controls, onQuit, refreshMs = 250, title }: DashboardProps) {
  const { columns, rows } = useTerminalSize();
  const [, setTick] = useState(0);
  const [message, setMessage] = useState('');
  const samples = useRef(new Map<string, number[]>());

  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  useEffect(() => {
    if (message === '') return;
    const timer = setTimeout(() => setMessage(''), 4000);
    return () => clearTimeout(timer);
  }, [message]);

  useInput((input, key) => {
    if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return onQuit();
    if (input === ' ') {
      if (controls.status === 'running') controls.pause();
      else if (controls.status === 'paused') controls.resume();
      else setMessage(`nothing to pause: the pipeline is ${controls.status}`);
      return setTick((t) => t + 1);
    }
    if (key.rightArrow) {
      if (controls.step === undefined) return setMessage(STEP_HINT);
      void controls.step(1).then(
        () => setTick((t) => t + 1),
        (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
      );
      return;
    }
    if (input === '+' || input === '=' || input === '-' || input === '_') {
      if (controls.setSpeed === undefined) return setMessage(SPEED_HINT);
      const x = nextSpeed(controls.speed ?? 1, input === '+' || input === '=' ? 1 : -1);
      controls.setSpeed(x);
      setMessage(`speed ${x}×`);
    }
  });

  const layout = panelLayout(columns, rows, views.length);
  const models = views.map((v) => viewModel(v, { rows: layout.tableRows, bars: layout.bars }));
  for (const m of models) {
    if (m.windowed || m.measure === null) continue;
    const series = samples.current.get(m.name) ?? [];
    series.push(m.rows.reduce((s, r) => s + (typeof r[m.measure as string] === 'number' ? (r[m.measure as string] as number) : 0), 0));
    samples.current.set(m.name, series.slice(-SAMPLES));
  }
  const first = models[0];
  const now = controls.clock === 'virtual' ? (controls.position ?? null) : Date.now();
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate-end">
        {title ?? 'Rivulet dashboard'} — {views.map((v) => v.name).join(', ')}
      </Text>
      {first === undefined ? (
        <Text>No views yet: make one with stream.view({'{'} name: 'hot' {'}'}), then .dash</Text>
      ) : (
        <StatusLine status={controls.status === 'idle' ? first.progress.status : controls.status} progress={first.progress} clock={controls.clock} now={now} speed={controls.speed} width={columns} />
      )}
      {models.map((m) => (
        <ViewPanel key={m.name} model={m} layout={layout} samples={samples.current.get(m.name) ?? []} />
      ))}
      <Text dimColor wrap="truncate-end">
        space pause/resume · → step · + / − speed · q back to the prompt (the pipeline keeps running)
      </Text>
      {message !== '' ? <Text color="yellow">{message}</Text> : null}
    </Box>
  );
}
