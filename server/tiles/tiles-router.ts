// Vector tiles, TileJSON and the layer catalogue. Everything the routes need (the layer allow-list with its
// SQL, the cache, the TileJSON builder) is built once here, when the app is created.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { parseQuery } from '../http/query-params.ts';
import { buildLayerRegistry } from './layers.ts';
import { parseTilesPath } from './tile-address.ts';
import { serveTile, tileFastPath, TILES_PREFIX as PREFIX, type FastPath } from './tile-fast-path.ts';
import { tileBuilder } from './tile-source.ts';
import { tileService } from './tile-service.ts';
import { requestOrigin } from '../http/request-origin.ts';
import { TileJsonBuilder, tileUrlTemplate } from './tilejson.ts';

const METADATA_CACHE_CONTROL = 'public, max-age=60';

/** The tile routes, and the fast path (tile-fast-path.ts) that answers plain tile GETs before Express. */
export function tilesHttp(ctx: AppContext): { router: Router; fastPath: FastPath } {
  const layers = buildLayerRegistry(ctx.db.engine);
  const tiles = tileService(tileBuilder(ctx.db), ctx.dataVersion, ctx.config.tileCacheMb * 1024 * 1024);
  const tileJson = new TileJsonBuilder(ctx.db);
  const noParams = (req: Request) => parseQuery(req, {});

  const r = Router();

  r.get('/tiles', (req, res) => {
    noParams(req);
    const origin = requestOrigin(req);
    res.set('Cache-Control', METADATA_CACHE_CONTROL).json({
      layers: layers.list().map((l) => ({
        id: l.id,
        description: l.description,
        geometry: { polygons: 'polygon', lines: 'line', points: 'point' }[l.kind],
        levels: l.levels,
        minzoom: l.minzoom,
        maxzoom: l.maxzoom,
        fields: l.fields,
        tilejson: `${origin}${PREFIX}${l.id}.json`,
        tiles: tileUrlTemplate(origin, l),
      })),
    });
  });

  r.get(/^\/tiles\/.*/, async (req, res) => {
    // Address first: a bad one is answered before anything, the database included, is touched.
    const parsed = parseTilesPath(req.path.slice(PREFIX.length), layers);
    noParams(req);
    if (parsed.kind === 'tilejson') {
      const version = await tiles.currentVersion(parsed.layer);
      res.set('Cache-Control', METADATA_CACHE_CONTROL).json(await tileJson.build(parsed.layer, requestOrigin(req), version));
      return;
    }
    await serveTile(req, res, parsed.address, tiles);
  });

  return { router: r, fastPath: tileFastPath(layers, tiles) };
}
