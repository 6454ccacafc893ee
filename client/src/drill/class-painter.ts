// Feature-state classes on one tile source, shown through one layer: the balance choropleth at every level
// uses it, so the classes the legend counts are exactly the ones painted. The same classes again change
// nothing (no tile repaints for a factor toggle).
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { PALETTE } from '../data/balance-classes.ts';

export const CLASS_STATE = 'netClass';
export const classValue: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', CLASS_STATE], -1]];
/** The palette colour of a feature's class, transparent when it has none. */
export const classColour = ['match', classValue, ...PALETTE.flatMap((c, i) => [i, c]), 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;

export interface ClassTarget {
  source: string;
  sourceLayer: string;
}

export interface ClassPainter {
  show(classes: ReadonlyMap<string, number> | null): void;
  /** The class painted for a unit (feature state), or null when it has none. */
  classAt(code: string): number | null;
}

export function classPainter(map: MapLibreMap, layerId: string, target: ClassTarget): ClassPainter {
  let drawn = new Map<string, number>();
  return {
    show(classes) {
      const next = new Map(classes ?? []);
      const visible = map.getLayoutProperty(layerId, 'visibility') === 'visible';
      if (visible === Boolean(classes) && next.size === drawn.size && [...next].every(([code, k]) => drawn.get(code) === k)) return;
      for (const code of drawn.keys()) map.removeFeatureState({ ...target, id: code }, CLASS_STATE);
      drawn = next;
      for (const [code, k] of drawn) map.setFeatureState({ ...target, id: code }, { [CLASS_STATE]: k });
      map.setLayoutProperty(layerId, 'visibility', classes ? 'visible' : 'none');
    },
    classAt(code) {
      const s = map.getFeatureState({ ...target, id: code })[CLASS_STATE];
      return typeof s === 'number' ? s : null;
    },
  };
}
