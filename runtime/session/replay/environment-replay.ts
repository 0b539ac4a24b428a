// env.replay: the environment's replay controller, made on first use. Added to StreamEnvironment from here
// (imported by runtime/index.ts) so that the environment does not depend on the session layer.
import { StreamEnvironment } from '../../api/stream-environment.ts';
import { ReplayController } from './replay-controller.ts';

declare module '../../api/stream-environment.ts' {
  interface StreamEnvironment {
    /** Plays, pauses, steps and seeks the replay of this environment's recordings (env.fromRecording). */
    readonly replay: ReplayController;
  }
}

const controllers = new WeakMap<StreamEnvironment, ReplayController>();

Object.defineProperty(StreamEnvironment.prototype, 'replay', {
  get(this: StreamEnvironment): ReplayController {
    let c = controllers.get(this);
    if (c === undefined) controllers.set(this, (c = new ReplayController(this)));
    return c;
  },
  configurable: true,
});
