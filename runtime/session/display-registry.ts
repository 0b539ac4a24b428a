// Which display target live views use: the one a front end registered (the kernel, the REPL), else tslab's
// display when tslab is running this process, else the plain-Node target that prints text to stdout.
import { isDisplayTarget, type DisplayTarget } from './display-target.ts';
import { NodeDisplayTarget } from './node-target.ts';
import { findTslab, TslabDisplayTarget } from './tslab-target.ts';
import { RivuletError } from '../errors/rivulet-error.ts';

let registered: DisplayTarget | null = null;
let fallback: DisplayTarget | null = null;

/** Makes `target` the display of every view shown from now on; null goes back to the default. */
export function setDisplayTarget(target: DisplayTarget | null): void {
  if (target !== null && !isDisplayTarget(target)) {
    throw new RivuletError('BAD_ARGUMENT', {
      where: 'setDisplayTarget',
      name: 'the target',
      expected: 'an object with show(bundle, id) and update(id, bundle), or null',
      got: target,
    });
  }
  registered = target;
}

/** The target views show on now: the registered one, tslab's, or the plain-Node one. */
export function getDisplayTarget(): DisplayTarget {
  if (registered !== null) return registered;
  if (fallback === null) {
    const tslab = findTslab();
    fallback = tslab !== null ? new TslabDisplayTarget(tslab) : new NodeDisplayTarget();
  }
  return fallback;
}
