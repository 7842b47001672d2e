// Loads something from the API for a page: the data, the refusal (an ApiError) or a network failure, and reload.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  // `deps` say when to load again, as for useEffect.
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    setLoading(true);
    stableLoad()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (current) setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [stableLoad, round]);

  return { data, error, loading, reload: () => setRound((r) => r + 1) };
}

/** What to tell a person about a failed load. */
export function loadErrorText(error: ApiError | Error): string {
  return error instanceof ApiError ? error.title : '无法连接服务器，请检查网络后重试';
}
