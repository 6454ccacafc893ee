import { describe, expect, it } from 'vitest';
import { parseTileJson, TileJsonError } from '../client/src/tilejson.ts';

const base = 'http://127.0.0.1:8080/tiles/counties.json';

describe('reading the server TileJSON', () => {
  it('keeps absolute tile URLs with their {z}/{x}/{y} placeholders intact', () => {
    const t = parseTileJson({ tiles: ['http://127.0.0.1:8080/tiles/counties/{z}/{x}/{y}.pbf'], vector_layers: [{ id: 'counties' }], minzoom: 4, maxzoom: 14 }, base, 'counties');
    expect(t.tiles).toEqual(['http://127.0.0.1:8080/tiles/counties/{z}/{x}/{y}.pbf']);
    expect(t).toMatchObject({ sourceLayer: 'counties', minzoom: 4, maxzoom: 14, bounds: null, attribution: null });
  });

  it('resolves relative tile URLs against the TileJSON, as the map worker cannot', () => {
    const t = parseTileJson({ tiles: ['/tiles/counties/{z}/{x}/{y}.pbf'] }, base, 'counties');
    expect(t.tiles).toEqual(['http://127.0.0.1:8080/tiles/counties/{z}/{x}/{y}.pbf']);
  });

  it('uses the vector layer it is asked for, else the first one listed', () => {
    expect(parseTileJson({ tiles: ['/t/{z}/{x}/{y}'], vector_layers: [{ id: 'a' }, { id: 'seats' }] }, base, 'seats').sourceLayer).toBe('seats');
    expect(parseTileJson({ tiles: ['/t/{z}/{x}/{y}'], vector_layers: [{ id: 'a' }] }, base, 'seats').sourceLayer).toBe('a');
  });

  it('refuses a TileJSON without tile URLs', () => {
    expect(() => parseTileJson({ tilejson: '3.0.0' }, base, 'counties')).toThrow(TileJsonError);
    expect(() => parseTileJson('nope', base, 'counties')).toThrow(TileJsonError);
  });
});
