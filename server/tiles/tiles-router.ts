// Vector tiles, TileJSON and the layer catalogue. Everything the routes need (the layer allow-list with its
// SQL, the cache, the TileJSON builder) is built once here, when the app is created.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { parseQuery } from '../http/query-params.ts';
import { buildLayerRegistry } from './layers.ts';
import { parseTilesPath } from './tile-address.ts';
import { chooseCoding, matchesIfNoneMatch, sendTile, setTileHeaders, tileEtag } from './tile-response.ts';
import { tileBuilder } from './tile-source.ts';
import { tileService } from './tile-service.ts';
import { TileJsonBuilder, requestOrigin, tileUrlTemplate } from './tilejson.ts';

const PREFIX = '/tiles/';
const METADATA_CACHE_CONTROL = 'public, max-age=60';

export function tilesRouter(ctx: AppContext): Router {
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
      const version = await tiles.currentVersion();
      res.set('Cache-Control', METADATA_CACHE_CONTROL).json(await tileJson.build(parsed.layer, requestOrigin(req), version));
      return;
    }
    const coding = chooseCoding(req);
    const current = await tiles.currentVersion();
    const currentTag = tileEtag(parsed.address, current, coding);
    if (matchesIfNoneMatch(req.get('if-none-match'), currentTag)) {
      setTileHeaders(res, currentTag);
      res.status(304).end();
      return;
    }
    const tile = await tiles.get(parsed.address);
    sendTile(res, tile, tileEtag(parsed.address, tile.version, coding), coding);
  });

  return r;
}
