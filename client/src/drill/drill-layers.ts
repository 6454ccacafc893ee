// What the map draws for a drill scope: inside a county, its townships (hatched, since their areas are
// approximate) from zoom 8 and not only from 9.5; inside a township, its villages as points (the tiles
// have a point only for villages whose seat is known). Layers outside the scope are filtered, not removed,
// so stepping back up is a filter change and not a reload.
import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { parentFilter, type DrillScope } from '../data/drill.ts';
import { colours, LABEL_FONTS, labelField, TOWNSHIP_MIN_ZOOM } from '../style.ts';
import type { TileSet } from '../tilejson.ts';
import type { Locale } from '../i18n.ts';
import { PARTNER_LABEL_LAYER } from '../flows/partner-label-layer.ts';

export const VILLAGE_POINTS = 'villages-points';
export const VILLAGE_LABELS = 'labels-village';
const TOWNSHIP_LAYERS = ['townships-fill', 'townships-line', 'townships-selected-line'] as const;
const TOWNSHIP_LABELS = 'labels-township';
/** Drilled into a county, its townships show from here (the tiles start at 8). */
const DRILLED_TOWNSHIP_MIN_ZOOM = 8;

export interface DrillLayers {
  apply(scope: DrillScope, parentCounty: string | null): void;
  setLocale(locale: Locale): void;
  /** Village points drawn for a township scope, once tiles are in (for tests and the "no points" note). */
  villageCodesRendered(): string[];
}

const selected = ['boolean', ['feature-state', 'selected'], false] as const;

export function addDrillLayers(map: MapLibreMap, villages: TileSet | null, locale: Locale): DrillLayers {
  const original = new Map<string, FilterSpecification | undefined>();
  for (const id of [...TOWNSHIP_LAYERS, TOWNSHIP_LABELS]) if (map.getLayer(id)) original.set(id, map.getFilter(id) ?? undefined);

  if (villages) {
    map.addSource('villages', { type: 'vector', tiles: villages.tiles, minzoom: villages.minzoom, maxzoom: villages.maxzoom, promoteId: 'code', ...(villages.attribution ? { attribution: villages.attribution } : {}) });
    const src = { source: 'villages', 'source-layer': villages.sourceLayer };
    // Under the flows' partner labels when those exist already (both are added when the style loads).
    const before = map.getLayer(PARTNER_LABEL_LAYER) ? PARTNER_LABEL_LAYER : undefined;
    map.addLayer({
      id: VILLAGE_POINTS,
      type: 'circle',
      ...src,
      layout: { visibility: 'none' },
      paint: {
        'circle-radius': ['case', selected as never, 7, 5],
        'circle-color': ['case', selected as never, colours.selected, colours.countyLine],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    }, before);
    map.addLayer({
      id: VILLAGE_LABELS,
      type: 'symbol',
      ...src,
      layout: {
        visibility: 'none',
        'text-field': labelField(locale),
        'text-font': LABEL_FONTS,
        'text-size': 11,
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': colours.labelText, 'text-halo-color': colours.labelHalo, 'text-halo-width': 1.4 },
    }, before);
  }

  const setVillages = (township: string | null) => {
    for (const id of [VILLAGE_POINTS, VILLAGE_LABELS]) {
      if (!map.getLayer(id)) continue;
      map.setLayoutProperty(id, 'visibility', township ? 'visible' : 'none');
      map.setFilter(id, township ? (parentFilter(township) as FilterSpecification) : null);
    }
  };

  return {
    apply(scope, parentCounty) {
      const county = scope?.level === 'county' ? scope.code : scope?.level === 'township' ? parentCounty : null;
      for (const [id, base] of original) {
        const within = county ? (parentFilter(county) as FilterSpecification) : null;
        const filter = within && base ? (['all', base, within] as FilterSpecification) : (within ?? base ?? null);
        map.setFilter(id, filter);
        map.setLayerZoomRange(id, county ? DRILLED_TOWNSHIP_MIN_ZOOM : TOWNSHIP_MIN_ZOOM, 24);
      }
      setVillages(scope?.level === 'township' ? scope.code : null);
    },
    setLocale(l) {
      if (map.getLayer(VILLAGE_LABELS)) map.setLayoutProperty(VILLAGE_LABELS, 'text-field', labelField(l));
    },
    villageCodesRendered() {
      if (!map.getLayer(VILLAGE_POINTS) || map.getLayoutProperty(VILLAGE_POINTS, 'visibility') === 'none') return [];
      return [...new Set(map.queryRenderedFeatures({ layers: [VILLAGE_POINTS] }).map((f) => String(f.properties?.code ?? '')))];
    },
  };
}
