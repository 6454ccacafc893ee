// Bearer-token scopes for the write routes. Tokens come from config.tokens (ATLAS_TOKENS); with none
// configured nothing is writable. No token or an unknown one is 401; a token without the scope is 403.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { HttpError } from '../http/errors.ts';

type Scope = 'read' | 'write';

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

export function requireScope(config: Config, scope: Scope): RequestHandler {
  // Compare fixed-length digests in constant time, so response timing says nothing about a token.
  const known = [...config.tokens].map(([token, scopes]) => ({ digest: digest(token), scopes }));
  const challenge = (error?: string) => ({
    'WWW-Authenticate': `Bearer realm="chengxiang-atlas"${error ? `, error="${error}"` : ''}`,
  });
  return (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) {
      const why = known.length ? 'This request needs a bearer token with the write scope.' : 'Writing is disabled: the operator has configured no tokens (ATLAS_TOKENS).';
      return next(new HttpError(401, 'unauthorized', why, undefined, challenge()));
    }
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!m) return next(new HttpError(401, 'unauthorized', 'The Authorization header must be "Bearer <token>".', undefined, challenge('invalid_request')));
    const presented = digest(m[1]!);
    let scopes: Set<Scope> | undefined;
    for (const k of known) if (crypto.timingSafeEqual(k.digest, presented)) scopes = k.scopes;
    if (!scopes) return next(new HttpError(401, 'unauthorized', 'The bearer token is not recognised.', undefined, challenge('invalid_token')));
    if (!scopes.has(scope)) {
      return next(new HttpError(403, 'forbidden', `This token lacks the ${scope} scope.`, undefined, challenge('insufficient_scope')));
    }
    next();
  };
}
