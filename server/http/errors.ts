import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../shared/api.ts';
import { ERRORS, type ErrorCode } from '../../shared/errors.ts';
import { databaseUnavailable } from '../db/kysely.ts';
import { AppError } from '../errors.ts';
import { TEXT_ISSUE_MESSAGES } from '../../shared/text.ts';

/** Validates with a shared schema; a failure is a 400 naming the first bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  // A rule of shared/text.ts says what is wrong in both languages; zod's own messages are English only.
  const known = issue ? TEXT_ISSUE_MESSAGES[issue.message] : undefined;
  if (known) {
    throw new AppError('invalid_request', field, {
      vi: `Dữ liệu không hợp lệ${field ? ` ở trường “${field}”` : ''}. ${known.vi}`,
      en: `Invalid request. ${field ? `${field}: ` : ''}${known.en}`,
    });
  }
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : '';
  throw new AppError('invalid_request', field, {
    vi: `Dữ liệu không hợp lệ${field ? ` ở trường “${field}”` : ''}. ${message}`.trim(),
    en: `Invalid request. ${message}`.trim(),
  });
}

/** English when the caller prefers it, Vietnamese otherwise (the interface's default). */
export function languageOf(req: FastifyRequest): 'vi' | 'en' {
  const header = req.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function errorBody(req: FastifyRequest, code: ErrorCode, field?: string, detail?: { vi: string; en: string }): ApiError {
  const lang = languageOf(req);
  const body: ApiError = { code, message: detail ? detail[lang] : ERRORS[code][lang] };
  if (field) body.field = field;
  return body;
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, field?: string): FastifyReply {
  return reply.code(ERRORS[code].status).send(errorBody(req, code, field));
}

/** Fastify's own errors mapped onto ours: nothing leaves the server as an unexplained 500 with a stack. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) {
    // Busy is a matter of seconds: say when to come back, as a 429 from the rate limits does.
    if (err.code === 'busy' || err.code === 'database_unavailable') reply.header('retry-after', '5');
    return reply.code(ERRORS[err.code].status).send({ ...err.extra, ...errorBody(req, err.code, err.field, err.detail) });
  }
  if (databaseUnavailable(err)) {
    req.log.warn({ err: err.message }, 'database unavailable');
    return sendError(req, reply.header('retry-after', '5'), 'database_unavailable');
  }
  if (err.statusCode === 429) return sendError(req, reply, 'rate_limited');
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(req, reply, 'too_large');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Unparseable JSON, a wrong content type: the request is at fault.
    const body = errorBody(req, 'invalid_request');
    return reply.code(400).send({ ...body, message: `${body.message} (${err.message})` });
  }
  req.log.error({ err }, 'unhandled error');
  return sendError(req, reply, 'internal');
}
