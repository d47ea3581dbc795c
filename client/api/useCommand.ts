import { useCallback, useState } from 'react';
import { ApiRequestError } from './http.ts';

export interface Command {
  pending: boolean;
  error: ApiRequestError | null;
  /** Runs one HTTP command; resolves with its result, or undefined when it failed (the error is kept to show). */
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

/** The state of a form's submit: disables the button while it runs, keeps the server's refusal to show. */
export function useCommand(): Command {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(
        failure instanceof ApiRequestError ? failure : new ApiRequestError(0, { code: 'unexpected', message: String(failure) }),
      );
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
