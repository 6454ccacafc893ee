// Read answers depend only on the URL and the data version, so a strong ETag of the two lets a client
// (or a cache) revalidate without the database doing the work again. Every write bumps the version.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';

/** Sets ETag and Cache-Control; answers 304 and returns true when the client's copy is current. */
export async function notModified(ctx: AppContext, req: Request, res: Response): Promise<boolean> {
  const version = await ctx.dataVersion.current();
  const tag = `"fa-${version}-${crypto.createHash('sha1').update(req.originalUrl).digest('base64url').slice(0, 16)}"`;
  res.set('ETag', tag);
  res.set('Cache-Control', 'no-cache');
  const inm = req.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === tag)) {
    res.status(304).end();
    return true;
  }
  return false;
}
