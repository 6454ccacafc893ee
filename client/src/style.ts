// The map's style, built from the server's own TileJSON and basemap files only. It has no `glyphs` URL on
// purpose: MapLibre then draws every label with the browser's own fonts (TinySDF), so Chinese text needs
// no glyph server and no internet. Everything here is plain data, testable without a browser.
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { defaultLandOptions, defaultTileOptions } from '../basemap/options.ts';
import type { Locale } from './i18n.ts';
import type { TileSet } from './tilejson.ts';

/** Below this zoom townships are too small to read, and a click means a county. */
export const TOWNSHIP_MIN_ZOOM = 9.5;
export const HATCH_IMAGE = 'approximate-hatch';
export const COUNTY_SELECTED_LINE = 'counties-selected-line';
/** A property no land feature has: an expression reading it makes a paint value per feature (style's land). */
const PER_FEATURE = 'atlas_per_feature';
// The tiles the build cut: asking outside them would only fetch empty tiles.
const BASEMAP_BOUNDS = defaultLandOptions.window;
const BASEMAP_MAX_ZOOM = defaultTileOptions.maxZoom;

// CSS families tried in order for labels; the first installed one wins (Debian: fonts-wqy-zenhei).
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const colours = {
  sea: '#d3e3ec',
  land: '#f6f3ec',
  river: '#8db6d3',
  countyFill: '#ecdcb8',
  countyLine: '#7a5a2e',
  townshipLine: '#9c7f55',
  hatch: '#b39465',
  selected: '#c0392b',
  selectedFill: '#f3b77c',
  labelText: '#3b2f20',
  labelHalo: '#ffffff',
} as const;

export const attributions = {
  land: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL), via @geo-maps/countries-coastline-1m',
  rivers: 'Rivers: GSHHG/WDBII, Wessel &amp; Smith (LGPL)',
} as const;

export interface StyleInput {
  /** The page's origin: every URL in the style is on it. */
  origin: string;
  locale: Locale;
  counties: TileSet | null;
  townships: TileSet | null;
  seats: TileSet | null;
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

export function labelField(locale: Locale): ExpressionSpecification {
  return locale === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name_zh']] : ['get', 'name_zh'];
}

function vectorSource(t: TileSet): SourceSpecification {
  return {
    type: 'vector',
    tiles: t.tiles,
    minzoom: t.minzoom,
    maxzoom: t.maxzoom,
    ...(t.bounds ? { bounds: t.bounds } : {}),
    ...(t.attribution ? { attribution: t.attribution } : {}),
    // Feature state (selection, hover) is keyed by the unit code, the same key the API uses.
    promoteId: 'code',
  };
}

export function buildStyle(input: StyleInput): StyleSpecification {
  const { origin, counties, townships, seats } = input;
  const sources: StyleSpecification['sources'] = {
    // Static tiles cut at build time (client/basemap/tiles.ts); beyond z8 MapLibre overzooms them.
    basemap: {
      type: 'vector',
      tiles: [`${origin}/basemap/tiles/{z}/{x}/{y}.pbf`],
      minzoom: 0,
      maxzoom: BASEMAP_MAX_ZOOM,
      bounds: BASEMAP_BOUNDS,
      attribution: `${attributions.land}; ${attributions.rivers}`,
    },
  };
  // No background layer: the sea is the map container's own colour (map-view.ts), seen through the canvas
  // where nothing is drawn. Land is painted with the same shader program and GL state as the county fills
  // (colour and opacity read per feature, so it is drawn in the translucent pass like them): software WebGL
  // compiles every program and state combination on the first frame, and the first idle waits for it
  // (docs/client-flows.md, "First idle"). The pixels are the same: the colour is constant, opacity 1.
  const layers: LayerSpecification[] = [
    {
      id: 'land',
      type: 'fill',
      source: 'basemap',
      'source-layer': 'land',
      paint: { 'fill-antialias': false, 'fill-color': ['case', ['has', PER_FEATURE], colours.land, colours.land], 'fill-opacity': ['case', ['has', PER_FEATURE], 1, 1] },
    },
  ];

  // Drawn above the county fills (which are translucent) so rivers stay visible inside counties.
  const rivers: LayerSpecification = {
    id: 'rivers',
    type: 'line',
    source: 'basemap',
    'source-layer': 'rivers',
    // Class 3 rivers only where a region is in view; classes 1–2 are the country's major rivers.
    filter: ['any', ['<=', ['get', 'class'], 2], ['>=', ['zoom'], 6]],
    // Default (miter) joins and butt caps: round ones multiply the triangles of every line, and software
    // WebGL pays per vertex on each frame (docs/client-flows.md, "Where a frame goes"); at 0.6–2.5 px no one sees the difference.
    paint: { 'line-color': colours.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 8, 1.2, 12, 2.5] },
  };

  if (counties) {
    sources.counties = vectorSource(counties);
    const src = { source: 'counties', 'source-layer': counties.sourceLayer };
    layers.push(
      {
        id: 'counties-fill',
        type: 'fill',
        ...src,
        paint: {
          // No antialiasing outline: counties-line is drawn over every edge, and the outline is one more
          // shader program, which software WebGL compiles on the first frame (docs/client-flows.md, "First idle").
          'fill-antialias': false,
          'fill-color': ['case', selected, colours.selectedFill, colours.countyFill],
          'fill-opacity': ['case', selected, 0.55, hovered, 0.6, 0.4],
        },
      },
      {
        id: 'counties-line',
        type: 'line',
        ...src,
        // Miter joins (the default, bevelled past the miter limit): see the rivers above.
        paint: { 'line-color': colours.countyLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 9, 1.5, 13, 3] },
      },
    );
  }
  layers.splice(counties ? layers.indexOf(layers.find((l) => l.id === 'counties-line')!) : layers.length, 0, rivers);

  if (townships) {
    sources.townships = vectorSource(townships);
    const src = { source: 'townships', 'source-layer': townships.sourceLayer };
    const minzoom = Math.max(TOWNSHIP_MIN_ZOOM, townships.minzoom);
    layers.push(
      {
        id: 'townships-fill',
        type: 'fill',
        ...src,
        minzoom,
        // Hatched, never solid: township areas are approximations and must look like it.
        paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', selected, 1, hovered, 0.8, 0.45] },
      },
      {
        id: 'townships-line',
        type: 'line',
        ...src,
        minzoom,
        paint: { 'line-color': colours.townshipLine, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'townships-selected-line',
        type: 'line',
        ...src,
        minzoom,
        paint: { 'line-color': colours.selected, 'line-width': 2.5, 'line-dasharray': [3, 1.5], 'line-opacity': ['case', selected, 1, 0] },
      },
    );
  }

  if (counties) {
    // Above the township lines, so a selected county's edge is never hidden under dashes.
    layers.push({
      id: COUNTY_SELECTED_LINE,
      type: 'line',
      source: 'counties',
      'source-layer': counties.sourceLayer,
      // Shown from the first selection on (map-view.ts): until then it would draw nothing but cost every
      // frame a line per tile, and the first frame one more shader program to compile.
      layout: { visibility: 'none' },
      paint: { 'line-color': colours.selected, 'line-width': 3.5, 'line-opacity': ['case', selected, 1, 0] },
    });
  }

  if (seats) {
    sources.seats = vectorSource(seats);
    const label = (id: string, level: string, size: number, zoom: { minzoom?: number; maxzoom?: number }): LayerSpecification => ({
      id,
      type: 'symbol',
      source: 'seats',
      'source-layer': seats.sourceLayer,
      ...zoom,
      filter: ['==', ['get', 'level'], level],
      layout: {
        'text-field': labelField(input.locale),
        'text-font': LABEL_FONTS,
        'text-size': size,
        'text-max-width': 8,
        'text-padding': 2,
      },
      paint: { 'text-color': colours.labelText, 'text-halo-color': colours.labelHalo, 'text-halo-width': 1.6 },
    });
    layers.push(
      label('labels-township', 'township', 12, { minzoom: Math.max(TOWNSHIP_MIN_ZOOM, seats.minzoom) }),
      label('labels-county', 'county', 15, { minzoom: 7 }),
      label('labels-prefecture', 'prefecture', 16, { maxzoom: 8 }),
    );
  }

  return { version: 8, name: 'Chengxiang Atlas', sources, layers };
}

/** The symbol layers whose text follows the page language. */
export const labelLayers = ['labels-township', 'labels-county', 'labels-prefecture'] as const;
/** The layers a click or Enter picks units from, finest first. */
export const pickLayers = ['townships-fill', 'counties-fill'] as const;
