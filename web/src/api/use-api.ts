/** Load data for a page: { data, error, loading, reload }. Ignores answers of superseded requests. */
import { useCallback, useEffect, useRef, useState } from 'react';

export type ApiState<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (data: T) => void;
};

/** `load` is re-run whenever one of `deps` (its inputs; compared as JSON) changes; null means "nothing to load". */
export function useApi<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState<boolean>(load !== null);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const key = JSON.stringify(deps);

  const run = useCallback(async () => {
    const fn = loadRef.current;
    const mine = ++seq.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const result = await fn();
      if (mine === seq.current) setData(result);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's inputs of `load`.
  useEffect(() => {
    void run();
  }, [run, key]);

  return { data, error, loading, reload: run, setData };
}
