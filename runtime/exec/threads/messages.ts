// The messages threads exchange. Gate messages carry one channel's traffic into a gate on another thread
// (gates are numbered alike on every thread); the others steer workers (processing time) and report back
// (acks for backpressure, completion, errors).
import type { WireBatch } from './batch-wire.ts';

export type GateMessage =
  | { readonly t: 'batch'; readonly g: number; readonly c: number; readonly b: WireBatch }
  | { readonly t: 'barrier'; readonly g: number; readonly c: number; readonly id: number }
  | { readonly t: 'end'; readonly g: number; readonly c: number };

/** Main thread → worker. */
export type ControlMessage =
  | { readonly t: 'clock'; readonly now: number }
  | { readonly t: 'time'; readonly now: number }
  | { readonly t: 'pause' }
  | { readonly t: 'resume' };

/** An error as it crosses a thread: enough to rebuild a RivuletError (code) or a plain Error. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly hint?: string;
  readonly stack?: string;
}

/** Worker → main thread, besides gate messages. */
export type ReportMessage =
  | { readonly t: 'ack'; readonly n: number; readonly lateDropped: number }
  /** A worker has read its replicated sources to the end. */
  | { readonly t: 'sourced'; readonly eventsIn: number; readonly lateDropped: number }
  | { readonly t: 'error'; readonly error: WireError };

export type ThreadMessage = GateMessage | ControlMessage | ReportMessage;

/** Anything a message can be posted to: a Worker, a MessagePort, the worker's parentPort. */
export interface Link {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
}
