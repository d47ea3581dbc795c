import type { ErrorCode } from '../shared/errors.ts';

/*
 * The domain's refusals. Commands throw them; the HTTP layer (http/errors.ts) turns them into answers with their
 * status and messages from shared/errors.ts, and the command line into exit codes. Here, not under http/, so that no
 * domain folder depends on the transport (SPEC A3).
 */

/** An error the API answers with: a stable code (with its status and messages in shared/errors.ts). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    /** A more specific message than the code's, in both languages. */
    readonly detail?: { vi: string; en: string },
    /** More of the answer, for a refusal that says what to do next (a roster import's rows). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export function fail(code: ErrorCode, field?: string): never {
  throw new AppError(code, field);
}
