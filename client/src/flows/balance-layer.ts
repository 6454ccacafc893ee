// The net balance choropleth as one MapLibre fill over the county tiles, coloured by feature state, so the
// classes computed in data/balance-classes.ts are exactly what is drawn (and what the legend lists).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Choropleth } from '../data/balance-classes.ts';
import { classColour, classPainter, classValue } from '../drill/class-painter.ts';

export const BALANCE_LAYER = 'balance-fill';

export interface BalanceLayer {
  show(c: Choropleth | null): void;
  /** The class drawn for a unit (feature state), for tests and the legend's honesty. */
  classAt(code: string): number | null;
}

export function addBalanceLayer(map: MapLibreMap): BalanceLayer | null {
  const counties = map.getStyle().layers.find((l) => l.id === 'counties-fill');
  if (!counties || !('source-layer' in counties) || !counties['source-layer']) return null;
  const target = { source: 'counties', sourceLayer: counties['source-layer'] };
  map.addLayer(
    {
      id: BALANCE_LAYER,
      type: 'fill',
      source: 'counties',
      'source-layer': target.sourceLayer,
      // Visible from the start, as the choropleth is by default: a unit with no class is transparent, and
      // switching visibility later would send every county tile through the worker again.
      layout: { visibility: 'visible' },
      // No antialiasing outline, as for counties-fill (style.ts): the county lines cover every edge.
      paint: { 'fill-antialias': false, 'fill-color': classColour, 'fill-opacity': ['case', ['>=', classValue, 0], 0.6, 0] },
    },
    map.getLayer('counties-line') ? 'counties-line' : undefined,
  );
  // A factor toggle does not change the choropleth: the painter leaves the feature state alone then.
  const painter = classPainter(map, BALANCE_LAYER, target);
  return { show: (c) => painter.show(c?.classes ?? null), classAt: painter.classAt };
}
