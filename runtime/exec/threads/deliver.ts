// Delivers a gate message to the local gate it names (the same on the main thread and in workers).
import { fromWire } from './batch-wire.ts';
import type { GateMessage } from './messages.ts';
import type { InputGate } from '../input-gate.ts';

export function deliver(gates: (InputGate | undefined)[], m: GateMessage): void {
  const gate = gates[m.g];
  if (gate === undefined) throw new Error(`internal: gate ${m.g} is not on this thread`);
  if (m.t === 'batch') gate.receive(fromWire(m.b), m.c);
  else if (m.t === 'barrier') gate.receiveBarrier(m.id, m.c);
  else gate.endChannel(m.c);
}

export function isGateMessage(m: { t: string }): m is GateMessage {
  return m.t === 'batch' || m.t === 'barrier' || m.t === 'end';
}
