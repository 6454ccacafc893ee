// Tints the county fills by core/periphery group, through feature state (like the balance choropleth), so
// the tint and the view's legend come from the same API answer.
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { GROUP_COLOURS, type CpGroup, type CpUnit } from '../data/core-periphery.ts';

export const CORE_LAYER = 'core-periphery-fill';
const STATE_KEY = 'cpGroup';

export interface CoreLayer {
  show(units: readonly CpUnit[] | null): void;
  groupAt(code: string): CpGroup | null;
}

export function addCoreLayer(map: MapLibreMap): CoreLayer | null {
  const counties = map.getStyle().layers.find((l) => l.id === 'counties-fill');
  if (!counties || !('source-layer' in counties) || !counties['source-layer']) return null;
  const target = { source: 'counties', sourceLayer: counties['source-layer'] };
  const group: ExpressionSpecification = ['coalesce', ['feature-state', STATE_KEY], 'none'];
  map.addLayer(
    {
      id: CORE_LAYER,
      type: 'fill',
      source: 'counties',
      'source-layer': target.sourceLayer,
      layout: { visibility: 'none' },
      paint: {
        // No antialiasing outline, as for counties-fill (style.ts): the county lines cover every edge.
        'fill-antialias': false,
        'fill-color': ['match', group, 'core', GROUP_COLOURS.core, 'periphery', GROUP_COLOURS.periphery, 'unclassified', GROUP_COLOURS.unclassified, 'rgba(0,0,0,0)'],
        'fill-opacity': ['match', group, 'none', 0, 0.35],
      },
    },
    map.getLayer('counties-line') ? 'counties-line' : undefined,
  );
  let tinted: string[] = [];
  let shownKey: string | null = null;
  return {
    show(units) {
      // Called on every redraw: the same groups again change nothing, so nothing is repainted.
      const key = units ? units.map((u) => `${u.code}:${u.group}`).join(',') : null;
      if (key === shownKey) return;
      shownKey = key;
      for (const code of tinted) map.removeFeatureState({ ...target, id: code }, STATE_KEY);
      tinted = [];
      for (const u of units ?? []) {
        map.setFeatureState({ ...target, id: u.code }, { [STATE_KEY]: u.group });
        tinted.push(u.code);
      }
      map.setLayoutProperty(CORE_LAYER, 'visibility', units ? 'visible' : 'none');
    },
    groupAt(code) {
      const g = map.getFeatureState({ ...target, id: code })[STATE_KEY];
      return g === 'core' || g === 'periphery' || g === 'unclassified' ? g : null;
    },
  };
}
