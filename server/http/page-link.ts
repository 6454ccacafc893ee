// Absolute links back to the request (self, next, prev pages). The origin comes from requestOrigin, which
// checks the Host header; parsing "http://" + a raw Host threw on "a b", "[::" or port 99999, and the
// request ended in a 500.
import type { Request } from 'express';
import { requestOrigin } from './request-origin.ts';

/** This request's URL with the paging parameters replaced, in the order given (new ones are appended). */
export function pageLink(req: Request, paging: Record<string, number>): string {
  // A fixed base: originalUrl is a path here, and only its path and query are kept.
  const url = new URL(req.originalUrl, 'http://request.invalid');
  for (const [key, value] of Object.entries(paging)) url.searchParams.set(key, String(value));
  return `${requestOrigin(req)}${url.pathname}${url.search}`;
}
