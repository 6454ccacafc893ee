import { describe, expect, it } from 'vitest';
import { defaultLandOptions, defaultTileOptions } from '../client/basemap/options.ts';
import { buildStyle, HATCH_IMAGE, TOWNSHIP_MIN_ZOOM } from '../client/src/style.ts';
import type { TileSet } from '../client/src/tilejson.ts';

const origin = 'http://127.0.0.1:8080';
const tileset = (layer: string, minzoom: number): TileSet => ({
  tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.pbf`],
  sourceLayer: layer,
  minzoom,
  maxzoom: 14,
  bounds: [119.6, 27.0, 121.3, 28.6],
  attribution: 'DataV.GeoAtlas (Alibaba DataV)',
});
const style = (locale: 'zh-CN' | 'en' = 'zh-CN') =>
  buildStyle({ origin, locale, counties: tileset('counties', 4), townships: tileset('townships', 8), seats: tileset('seats', 7) });
// Loosely typed on purpose: the tests read paint and layout keys of several layer types.
const layer = (id: string) => style().layers.find((l) => l.id === id) as unknown as Record<string, any>;

describe('the map style', () => {
  it('has no glyph server, so labels are drawn from local fonts', () => {
    expect('glyphs' in style()).toBe(false);
    expect('sprite' in style()).toBe(false);
  });

  it('loads every source from the page origin only', () => {
    const urls = Object.values(style().sources).flatMap((s: any) => [s.data, s.url, ...(s.tiles ?? [])].filter((u) => typeof u === 'string'));
    expect(urls.length).toBe(4);
    for (const u of urls) expect(new URL(u.replace(/[{}]/g, '')).origin).toBe(origin);
  });

  it('keys feature state by the unit code and attributes every source', () => {
    const sources = style().sources as Record<string, any>;
    for (const id of ['counties', 'townships', 'seats']) expect(sources[id].promoteId).toBe('code');
    expect(sources.basemap.attribution).toMatch(/OpenStreetMap/);
    expect(sources.basemap.attribution).toMatch(/GSHHG/);
    expect(sources.counties.attribution).toBe('DataV.GeoAtlas (Alibaba DataV)');
  });

  it('draws township areas hatched with a dashed outline, never as solid fills', () => {
    expect(layer('townships-fill').paint['fill-pattern']).toBe(HATCH_IMAGE);
    expect(layer('townships-fill').paint['fill-color']).toBeUndefined();
    expect(layer('townships-line').paint['line-dasharray']).toBeDefined();
    expect(layer('townships-fill').minzoom).toBe(TOWNSHIP_MIN_ZOOM);
  });

  it('labels units at their seat points, in the page language', () => {
    expect(layer('labels-county').source).toBe('seats');
    expect(layer('labels-county').layout['text-field']).toEqual(['get', 'name_zh']);
    const en = style('en').layers.find((l) => l.id === 'labels-county') as any;
    expect(en.layout['text-field']).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name_zh']]);
  });

  it('draws selection above the township dashes so a selected county edge stays visible', () => {
    const ids = style().layers.map((l) => l.id);
    expect(ids.indexOf('counties-selected-line')).toBeGreaterThan(ids.indexOf('townships-line'));
    expect(ids.indexOf('rivers')).toBeGreaterThan(ids.indexOf('counties-fill'));
  });

  it('asks for basemap tiles only inside the window and zooms the build cut', () => {
    const basemap = style().sources.basemap as any;
    expect(basemap.bounds).toEqual(defaultLandOptions.window);
    expect(basemap.maxzoom).toBe(defaultTileOptions.maxZoom);
  });

  it('still draws the basemap and counties when a tile layer is unavailable', () => {
    const s = buildStyle({ origin, locale: 'zh-CN', counties: tileset('counties', 4), townships: null, seats: null });
    expect(s.layers.map((l) => l.id)).toEqual(['land', 'counties-fill', 'rivers', 'counties-line', 'counties-selected-line']);
  });
});
