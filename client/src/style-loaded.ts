// When layers can be added to the map: once its style is loaded, not at its load event, which also waits
// for every tile. Layers added before the first tiles arrive are parsed with them once; added after, they
// send every tile of their source through the worker again and cost more software-rendered frames.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** MapLibre's own flag (not public): the style's layers exist. */
const loaded = (map: MapLibreMap) => Boolean((map as unknown as { style?: { _loaded?: boolean } }).style?._loaded);

/** Resolves once the map's style is loaded (its layers exist), without waiting for any tile. */
export function styleLoaded(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    if (loaded(map)) resolve();
    else map.once('style.load', () => resolve());
  });
}
