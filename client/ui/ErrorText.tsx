import type { ApiRequestError } from '../api/http.ts';

/** The server's own message (already in the interface language, from Accept-Language). */
export function ErrorText({ error, testId = 'form-error' }: { error: ApiRequestError | null; testId?: string }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId} data-code={error.code}>
      {error.message}
    </p>
  );
}
