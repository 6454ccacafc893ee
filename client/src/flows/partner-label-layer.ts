// Draws the labels of flow and alliance ends that have no area on the map (data/partner-labels.ts), as a
// MapLibre symbol layer so they share the unit labels' local CJK font and collision handling.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { PartnerLabel } from '../data/partner-labels.ts';
import { colours, LABEL_FONTS } from '../style.ts';

export const PARTNER_LABEL_LAYER = 'labels-partners';
const SOURCE = 'flow-partner-labels';

export function createPartnerLabelLayer(map: MapLibreMap): { show(labels: FeatureCollection<Point, PartnerLabel>): void } {
  // What the source holds now: every flow redraw asks again, and an unchanged setData would still send the
  // labels through the worker and cost the map more software-rendered frames before it is idle.
  let held = '';
  return {
    show(labels) {
      const next = JSON.stringify(labels);
      const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
      if (source) {
        if (next !== held) source.setData(labels);
        held = next;
        return;
      }
      // Added at the first draw with labels, holding them: a source added empty when the style loads (as the
      // other flow layers are) would load its tiles twice, the second time after the first complete frame,
      // costing one more. A new source and its layer send no other source's tiles through the worker again.
      if (!labels.features.length) return;
      held = next;
      map.addSource(SOURCE, { type: 'geojson', data: labels });
      map.addLayer({
        id: PARTNER_LABEL_LAYER,
        type: 'symbol',
        source: SOURCE,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS,
          'text-size': 13,
          'text-anchor': 'top',
          'text-offset': [0, 0.5],
          'text-allow-overlap': false,
        },
        paint: { 'text-color': colours.labelText, 'text-halo-color': colours.labelHalo, 'text-halo-width': 1.6 },
      });
    },
  };
}
