// JSON answers keyed on the data version: a strong ETag, 304 on a match, and revalidation on every use,
// so clients cache freely but never show data older than the last write.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';

export async function sendJson(
  req: Request,
  res: Response,
  ctx: AppContext,
  body: unknown,
  contentType = 'application/json',
): Promise<void> {
  const version = await ctx.dataVersion.current();
  const text = JSON.stringify(body);
  const etag = `"${version}-${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 20)}"`;
  res.set({ ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate', 'X-Data-Version': String(version) });
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.type(contentType).send(text);
}
