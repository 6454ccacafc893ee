// One error type for everything a client may see, and one middleware that turns any thrown value into
// a JSON answer. Clients get a public message; the log gets the detail. Database text never leaves here.
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  // The router marks a path parameter it cannot percent-decode (%ZZ, %FF) with status 400 and no type.
  if (err instanceof URIError && e.status === 400) {
    return badRequest('The path is not valid percent-encoded UTF-8.');
  }
  // A 4xx from Express's own middleware without a type, e.g. a gzip body that does not inflate; its
  // message names library internals, so only the status goes out.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && (err as { expose?: unknown }).expose === true) {
    return new HttpError(e.status, 'bad_request', 'The request could not be read: check its encoding and Content-Encoding.');
  }
  return new HttpError(500, 'internal', 'Internal server error.');
}

/** Logs what went wrong (the detail stays in the log) and returns the public answer. */
function publicError(err: unknown, method: string, url: string): HttpError {
  const httpError = toHttpError(err);
  if (httpError.status >= 500) log.error('request failed', { method, url, err });
  else log.debug('request rejected', { url, status: httpError.status, message: httpError.message });
  return httpError;
}

const errorBody = (e: HttpError) => ({ error: { status: e.status, code: e.code, message: e.message, details: e.details } });

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const httpError = publicError(err, req.method, req.originalUrl);
  if (res.headersSent) return;
  res.status(httpError.status).set(httpError.headers).json(errorBody(httpError));
};

/** The same answer as errorMiddleware, for handlers that run before Express (server/tiles/tile-fast-path.ts). */
export function sendErrorRaw(err: unknown, req: IncomingMessage, res: ServerResponse): void {
  const httpError = publicError(err, req.method ?? '', req.url ?? '');
  if (res.headersSent) return;
  const body = Buffer.from(JSON.stringify(errorBody(httpError)));
  res
    .writeHead(httpError.status, { ...httpError.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length })
    .end(body);
}
