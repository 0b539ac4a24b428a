// env.view(name) and env.views(): the views of an environment by name. Added to StreamEnvironment from here
// (imported by runtime/index.ts) so that the environment does not depend on views.
import { StreamEnvironment } from '../api/stream-environment.ts';
import type { View } from './view.ts';
import { viewNamed, viewsOf } from './view-registry.ts';

declare module '../api/stream-environment.ts' {
  interface StreamEnvironment {
    /** The view (or chart) with this name; throws UNKNOWN_VIEW, listing the names, if there is none. */
    view<T = unknown>(name: string): View<T>;
    /** Every view and chart of this environment, in the order they were created. */
    views(): View<unknown>[];
  }
}

Object.defineProperty(StreamEnvironment.prototype, 'view', {
  value: function view(this: StreamEnvironment, name: string): View<unknown> {
    return viewNamed(this, name);
  },
  writable: true,
  configurable: true,
});

Object.defineProperty(StreamEnvironment.prototype, 'views', {
  value: function views(this: StreamEnvironment): View<unknown>[] {
    return viewsOf(this);
  },
  writable: true,
  configurable: true,
});
