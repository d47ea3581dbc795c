import { useCallback, useEffect, useState } from 'react';
import { api, ApiRequestError } from './http.ts';
import { recall, remember } from './offlineCache.ts';
import { takePrefetched } from './prefetch.ts';

export interface Query<T> {
  data: T | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  /** Fetch again (after a command changed what this shows). */
  reload(): void;
  /** Replace the data with what a command returned, saving a round trip. */
  setData(data: T): void;
}

interface Options {
  /** Keep the answer on the device and show it when the network is down (see offlineCache.ts). */
  offline?: boolean;
}

function asApiError(failure: unknown): ApiRequestError {
  return failure instanceof ApiRequestError ? failure : new ApiRequestError(0, { code: 'unexpected', message: String(failure) });
}

/** GETs `path` (none while it is null) and refetches when it changes; a stale answer never overwrites a newer one. */
export function useApiQuery<T>(path: string | null, { offline = false }: Options = {}): Query<T> {
  // What the device remembered is shown while the server is asked (then replaced by its answer): a reload opens at
  // once instead of after a round trip on a slow network.
  const [data, setData] = useState<T | undefined>(() => (offline && path !== null ? recall<T>(path) : undefined));
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const [fromCache, setFromCache] = useState(false);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    ((generation === 0 ? takePrefetched<T>(path) : undefined) ?? api.get<T>(path)).then(
      (result) => {
        if (!current) return;
        if (offline) remember(path, result);
        setData(result);
        setError(null);
        setFromCache(false);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        const error = asApiError(failure);
        const cached = offline && error.status === 0 ? recall<T>(path) : undefined;
        if (cached !== undefined) {
          setData(cached);
          setError(null);
          setFromCache(true);
        } else {
          setError(error);
        }
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, generation, offline]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  // What the device remembered is replaced by the server's answer as soon as there is a network again.
  useEffect(() => {
    if (!fromCache) return;
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [fromCache, reload]);

  return { data, error, loading, reload, setData };
}
