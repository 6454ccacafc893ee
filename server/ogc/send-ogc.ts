// Sends an OGC JSON document with a strong ETag keyed on the data version. A feature collection's
// timeStamp changes on every request, so it is left out of the hash: an unchanged page still revalidates
// with 304, and a 200 always carries the time it was generated.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';

export async function sendOgc(req: Request, res: Response, ctx: AppContext, body: Record<string, unknown>, contentType: string): Promise<void> {
  const version = await ctx.dataVersion.current();
  const hash = crypto.createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 20);
  const etag = `"${version}-${hash}"`;
  res.set({ ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate', 'X-Data-Version': String(version) });
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  if ('timeStamp' in body) body.timeStamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  res.set('Content-Type', contentType).send(JSON.stringify(body));
}
