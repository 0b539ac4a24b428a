// Views by name, per environment: env.view(name) finds one, a second view with a name replaces the first
// (whose sink then does nothing). Kept here, keyed by the environment, so that the environment itself does
// not depend on views.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { View } from './view.ts';

const registries = new WeakMap<object, Map<string, View<unknown>>>();

function registry(env: object): Map<string, View<unknown>> {
  let r = registries.get(env);
  if (r === undefined) registries.set(env, (r = new Map()));
  return r;
}

export function registerView(env: object, view: View<unknown>): void {
  const r = registry(env);
  const old = r.get(view.name);
  if (old !== undefined && old !== view) {
    old.retire();
    r.delete(view.name); // the new view goes last in views()
  }
  r.set(view.name, view);
}

/** A name for a view that was not given one: view1, view2, ... or chart1, ... (the first one free). */
export function freeViewName(env: object, prefix: 'view' | 'chart' = 'view'): string {
  const r = registry(env);
  for (let i = 1; ; i++) if (!r.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function viewNamed(env: object, name: string): View<unknown> {
  const v = registries.get(env)?.get(name);
  if (v === undefined) throw new RivuletError('UNKNOWN_VIEW', { name, known: [...(registries.get(env)?.keys() ?? [])] });
  return v;
}

export function viewsOf(env: object): View<unknown>[] {
  return [...(registries.get(env)?.values() ?? [])];
}
