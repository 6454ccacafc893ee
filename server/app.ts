// Builds the request handler from its route modules. No I/O happens here: main.ts (or a test) opens
// the database, and this file only wires what it is given.
import type { RequestListener } from 'node:http';
import express from 'express';
import type { AppContext } from './context.ts';
import { badRequest, errorMiddleware, notFound, sendErrorRaw } from './http/errors.ts';
import { healthRouter } from './http/health.ts';
import { tilesHttp } from './tiles/tiles-router.ts';
import { unitsRouter } from './units/units-router.ts';
import { clientRouter } from './http/client-router.ts';
import { ogcRouter } from './ogc/ogc-router.ts';
import { factorRouter } from './flows/factor-router.ts';

export function createApp(ctx: AppContext): RequestListener {
  const tiles = tilesHttp(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // tiles and API responses set their own strong ETags
  app.set('query parser', 'simple'); // no nested objects from a[b]=c
  app.use(healthRouter(ctx));
  app.use(tiles.router);
  app.use(unitsRouter(ctx));
  app.use(factorRouter(ctx));
  app.use(clientRouter(ctx));
  app.use(ogcRouter(ctx));
  app.use((req, _res, next) => next(notFound(`No route for ${req.method} ${req.path.slice(0, 200)}`)));
  app.use(errorMiddleware);
  // Plain tile GETs skip Express: its per-request set-up costs more than serving a cached tile.
  return (req, res) => {
    // HTTP/1.1 requires Host (RFC 9112 §3.2), and links in answers are built from it. node would refuse
    // with an empty 400 (start.ts turns that off); this one says why.
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
      return sendErrorRaw(badRequest('An HTTP/1.1 request needs a Host header.'), req, res);
    }
    if (!tiles.fastPath(req, res)) app(req, res);
  };
}
