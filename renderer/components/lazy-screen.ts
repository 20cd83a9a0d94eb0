import { lazy, type ComponentType } from 'react';

/**
 * A screen in a chunk of its own, loaded the first time it is shown (or preloaded), so that the
 * sign-in screen starts with only what it needs. `preload` fetches it ahead without rendering it.
 */
export const lazyScreen = <Props extends object>(load: () => Promise<ComponentType<Props>>) => {
  let pending: Promise<{ default: ComponentType<Props> }> | null = null;
  const fetchOnce = () => (pending ??= load().then((component) => ({ default: component })));
  const Screen = lazy(fetchOnce);
  return Object.assign(Screen, { preload: () => void fetchOnce() });
};
