// A dashboard tab's data: loaded, then read again every REFRESH_MS while the tab is shown.
import { useEffect, useRef } from 'react';
import { useLoaded, type Loaded } from '../../lib/use-loaded.ts';

export const REFRESH_MS = 10_000;

export function useRefreshed<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const loaded = useLoaded(load, deps);
  // The latest reload, without restarting the timer on every render.
  const reload = useRef(loaded.reload);
  reload.current = loaded.reload;
  useEffect(() => {
    const timer = setInterval(() => reload.current(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return loaded;
}
