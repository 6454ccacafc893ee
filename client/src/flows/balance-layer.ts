// The net balance choropleth as one MapLibre fill over the county tiles, coloured by feature state, so the
// classes computed in data/balance-classes.ts are exactly what is drawn (and what the legend lists).
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { PALETTE, type Choropleth } from '../data/balance-classes.ts';

export const BALANCE_LAYER = 'balance-fill';
const STATE_KEY = 'netClass';

export interface BalanceLayer {
  show(c: Choropleth | null): void;
  /** The class drawn for a unit (feature state), for tests and the legend's honesty. */
  classAt(code: string): number | null;
}

export function addBalanceLayer(map: MapLibreMap): BalanceLayer | null {
  const counties = map.getStyle().layers.find((l) => l.id === 'counties-fill');
  if (!counties || !('source-layer' in counties) || !counties['source-layer']) return null;
  const target = { source: 'counties', sourceLayer: counties['source-layer'] };
  const cls: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', STATE_KEY], -1]];
  const colour: ExpressionSpecification = ['match', cls, ...PALETTE.flatMap((c, i) => [i, c]), 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;
  map.addLayer(
    {
      id: BALANCE_LAYER,
      type: 'fill',
      source: 'counties',
      'source-layer': target.sourceLayer,
      layout: { visibility: 'none' },
      paint: { 'fill-color': colour, 'fill-opacity': ['case', ['>=', cls, 0], 0.6, 0] },
    },
    map.getLayer('counties-line') ? 'counties-line' : undefined,
  );
  let drawn = new Map<string, number>();
  return {
    show(c) {
      // A factor toggle does not change the choropleth: leave the feature state alone, so no tile repaints for nothing.
      const next = new Map(c?.classes ?? []);
      const visible = map.getLayoutProperty(BALANCE_LAYER, 'visibility') === 'visible';
      if (visible === Boolean(c) && next.size === drawn.size && [...next].every(([code, k]) => drawn.get(code) === k)) return;
      for (const code of drawn.keys()) map.removeFeatureState({ ...target, id: code }, STATE_KEY);
      drawn = next;
      for (const [code, k] of drawn) map.setFeatureState({ ...target, id: code }, { [STATE_KEY]: k });
      map.setLayoutProperty(BALANCE_LAYER, 'visibility', c ? 'visible' : 'none');
    },
    classAt(code) {
      const s = map.getFeatureState({ ...target, id: code })[STATE_KEY];
      return typeof s === 'number' ? s : null;
    },
  };
}
