/**
 * The one way the client talks HTTP to the server. Every call says which language the person reads, so the
 * server's error messages come back in it, and every refusal becomes an `ApiRequestError` carrying the
 * server's stable code and message, which the pages show as they are.
 */
import type { ApiError } from '../../shared/api.ts';
import { DEFAULT_LANG, t, type Lang } from '../../shared/i18n.ts';

let language: Lang = DEFAULT_LANG;

/** Set by the i18n provider whenever the interface language changes. */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The whole answer: some refusals say what to do next (a roster import's rows as they stand now). */
  readonly body: ApiError;

  constructor(status: number, error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = error.code;
    this.field = error.field;
    this.body = error;
  }
}

const unauthenticatedListeners = new Set<() => void>();

/** Called when the server says the session is gone (HTTP 401, or sync close 4401): the app goes to sign-in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function notifyUnauthenticated(): void {
  for (const listener of unauthenticatedListeners) listener();
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The headers of every call: JSON, in the person's language (the sign-in form's boot script sends the same). */
function headersFor(body: unknown): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return headers;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return answerOf<T>(
    fetch(path, {
      method,
      headers: headersFor(body),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    }),
  );
}

/**
 * A request's answer as every call reads it: its JSON, or an `ApiRequestError`. Exported for a request sent before
 * the app started (the sign-in form's boot script, client/auth/boot.ts).
 */
export async function answerOf<T>(sent: Promise<Response>): Promise<T> {
  let response: Response;
  try {
    response = await sent;
  } catch {
    throw new ApiRequestError(0, { code: 'network', message: t(language, 'error.network') });
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = isApiError(payload)
    ? payload
    : { code: 'unexpected', message: t(language, 'error.unexpected', { status: response.status }) };
  // A wrong password is also a 401, but it belongs to the sign-in form, not to a lost session.
  if (response.status === 401 && error.code !== 'invalid_credentials') notifyUnauthenticated();
  throw new ApiRequestError(response.status, error);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Path segments are ids from the server, but encoding them keeps a strange one from changing the route. */
export function apiPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, i) => path + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');
}
