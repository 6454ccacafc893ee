// One error type for everything a client may see, and one middleware that turns any thrown value into
// a JSON answer. Clients get a public message; the log gets the detail. Database text never leaves here.
import type { ErrorRequestHandler } from 'express';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/errors.ts';
import { log } from '../log.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (isDatabaseUnavailable(err)) {
    return new HttpError(503, 'database_unavailable', 'The database is not reachable right now; try again shortly.', undefined, {
      'Retry-After': '5',
    });
  }
  if (isStatementTimeout(err)) {
    return new HttpError(503, 'query_timeout', 'The query took too long and was cancelled; narrow the request or retry.', undefined, {
      'Retry-After': '5',
    });
  }
  // body-parser errors carry a status and a type; they describe the client's payload, not our internals.
  const e = err as { status?: number; type?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string') {
    const message = e.type === 'entity.too.large' ? 'The request body is too large.' : 'The request body could not be read.';
    return new HttpError(e.status, e.type.replace(/\W+/g, '_'), message);
  }
  return new HttpError(500, 'internal', 'Internal server error.');
}

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const httpError = toHttpError(err);
  if (httpError.status >= 500) log.error('request failed', { method: req.method, url: req.originalUrl, err });
  else log.debug('request rejected', { url: req.originalUrl, status: httpError.status, message: httpError.message });
  if (res.headersSent) return;
  res.status(httpError.status).set(httpError.headers).json({
    error: { status: httpError.status, code: httpError.code, message: httpError.message, details: httpError.details },
  });
};
