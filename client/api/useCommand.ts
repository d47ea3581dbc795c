import { useCallback, useState } from 'react';
import { ApiRequestError } from './http.ts';

export interface Command {
  pending: boolean;
  error: ApiRequestError | null;
  /** The last run succeeded and the form was not edited since: for a "Saved." note. */
  done: boolean;
  /** Runs one HTTP command; resolves with its result, or undefined when it failed (the error is kept to show). */
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
  /**
   * A field's setter that also says the form changed since the last run, so that its "Saved." no longer
   * stands (an error stays until the next run).
   */
  edit<T>(set: (value: T) => void): (value: T) => void;
  clearError(): void;
}

/** The state of a form's submit: disables the button while it runs, keeps the server's refusal to show. */
export function useCommand(): Command {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [done, setDone] = useState(false);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    setDone(false);
    try {
      const result = await action();
      setDone(true);
      return result;
    } catch (failure) {
      setError(
        failure instanceof ApiRequestError ? failure : new ApiRequestError(0, { code: 'unexpected', message: String(failure) }),
      );
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const edit = useCallback(
    <T,>(set: (value: T) => void) =>
      (value: T) => {
        setDone(false);
        set(value);
      },
    [],
  );
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, done, run, edit, clearError };
}
