// deck.gl drawn inside MapLibre's own WebGL context (interleaved), so flows can sit under the labels.
// Versions matter here (field notes): maplibre-gl 5.24.1 + @deck.gl/*@9.3.11 is the pair seen picking
// correctly. The overlay is added once the style is loaded (before it, deck cannot add its group layer and
// beforeId is ignored), not at the map's load event, which waits for every tile: the flows are then drawn in
// the same frames as the first tiles (docs/client-flows.md, "First idle").
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

export interface DeckOverlay {
  setLayers(layers: Layer[]): void;
}

/** Call once the style is loaded (style-loaded.ts). */
export function addDeckOverlay(map: MapLibreMap): DeckOverlay {
  // Small pick radius: thin dashed lines must still answer a pointer resting on them.
  const overlay = new MapboxOverlay({ interleaved: true, layers: [], pickingRadius: 4 });
  map.addControl(overlay as unknown as IControl);
  return { setLayers: (layers) => overlay.setProps({ layers }) };
}
