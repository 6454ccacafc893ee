// deck.gl drawn inside MapLibre's own WebGL context (interleaved), so flows can sit under the labels.
// Versions matter here (field notes): maplibre-gl 5.24.1 + @deck.gl/*@9.3.11 is the pair seen picking
// correctly. The overlay is added only after the map's load event, or beforeId is ignored.
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

export interface DeckOverlay {
  setLayers(layers: Layer[]): void;
}

export function addDeckOverlay(map: MapLibreMap): Promise<DeckOverlay> {
  return new Promise((resolve) => {
    const attach = () => {
      // Small pick radius: thin dashed lines must still answer a pointer resting on them.
      const overlay = new MapboxOverlay({ interleaved: true, layers: [], pickingRadius: 4 });
      map.addControl(overlay as unknown as IControl);
      resolve({ setLayers: (layers) => overlay.setProps({ layers }) });
    };
    if (map.loaded() || map.isStyleLoaded()) attach();
    else map.once('load', attach);
  });
}
