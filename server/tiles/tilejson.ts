// TileJSON 3.0.0 for each layer, and the catalogue of layers. Bounds and attribution come from the data,
// so they are read once per version of what the layer follows (its units; for flows, all data) and kept.
import type { Database } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import type { TileLayer } from './layers.ts';

const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

interface LayerFacts {
  bounds: [number, number, number, number];
  attribution: string;
}

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  version: string;
  attribution: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
}

export function tileUrlTemplate(origin: string, layer: TileLayer): string {
  return `${origin}/tiles/${layer.id}/{z}/{x}/{y}.pbf`;
}

export class TileJsonBuilder {
  private facts = new Map<string, { version: number; facts: LayerFacts }>();

  constructor(private readonly db: Database) {}

  async build(layer: TileLayer, origin: string, version: number): Promise<TileJson> {
    const { bounds, attribution } = await this.layerFacts(layer, version);
    return {
      tilejson: '3.0.0',
      name: layer.id,
      description: layer.description,
      version: `1.0.${version}`,
      attribution,
      scheme: 'xyz',
      tiles: [tileUrlTemplate(origin, layer)],
      minzoom: layer.minzoom,
      maxzoom: layer.maxzoom,
      bounds,
      center: centerOf(bounds, layer),
      vector_layers: [
        { id: layer.id, description: layer.description, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields: layer.fields },
      ],
    };
  }

  private async layerFacts(layer: TileLayer, version: number): Promise<LayerFacts> {
    const known = this.facts.get(layer.id);
    if (known && known.version === version) return known.facts;
    // The flows layer's facts come from the flows it draws; a boundary layer's from its units.
    const flows = layer.kind === 'lines';
    const params = flows ? [] : [[...layer.levels], layer.kind === 'polygons'];
    const [extent] = await this.db.query<{ west: number | null; south: number; east: number; north: number }>(
      namedQuery(flows ? 'tile_flows_extent' : 'tile_layer_extent'),
      params,
    );
    const sources = await this.db.query<{ id: string; title: string; publisher: string; licence: string; url: string | null; original_crs: string | null }>(
      namedQuery(flows ? 'tile_flows_sources' : 'tile_layer_sources'),
      params,
    );
    const bounds: LayerFacts['bounds'] =
      extent && extent.west !== null ? [round(extent.west), round(extent.south), round(extent.east), round(extent.north)] : WORLD;
    const attribution = sources
      .map((s) => {
        const title = escapeHtml(s.title);
        const linked = s.url && /^https?:\/\//.test(s.url) ? `<a href="${escapeHtml(s.url)}">${title}</a>` : title;
        const crs = s.original_crs ? `, original CRS ${escapeHtml(s.original_crs)}` : '';
        return `${linked} (${escapeHtml(s.publisher)}; licence: ${escapeHtml(s.licence)}${crs})`;
      })
      .join('; ');
    const facts = { bounds, attribution };
    this.facts.set(layer.id, { version, facts });
    return facts;
  }
}

function centerOf(b: [number, number, number, number], layer: TileLayer): [number, number, number] {
  const span = Math.max(b[2] - b[0], (b[3] - b[1]) * 1.5, 1e-6);
  // The zoom at which the bounds fill about one 512 px tile.
  const fit = Math.floor(Math.log2(360 / span));
  const zoom = Math.min(layer.maxzoom, Math.max(layer.minzoom, fit));
  return [round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2), zoom];
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
