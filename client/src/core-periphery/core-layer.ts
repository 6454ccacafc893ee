// Tints the fills of the level the view groups (counties at the top, townships inside a county) by
// core/periphery group, through feature state (like the balance choropleth), so the tint and the view's
// legend come from the same API answer. Villages have no areas: nothing is tinted at village level.
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { GROUP_COLOURS, type CpGroup, type CpUnit } from '../data/core-periphery.ts';
import type { CoreLevel } from '../data/core-rule.ts';

export const CORE_LAYER = 'core-periphery-fill';
export const CORE_TOWNSHIP_LAYER = 'core-periphery-township-fill';
const STATE_KEY = 'cpGroup';

export interface CoreLayer {
  /** Tint these units (all of `level`) by group; null hides the tint. */
  show(units: readonly CpUnit[] | null, level?: CoreLevel): void;
  /** Whether a level has areas to tint. */
  tints(level: CoreLevel): boolean;
  groupAt(code: string): CpGroup | null;
}

interface Tint {
  layer: string;
  target: { source: string; sourceLayer: string };
}

const group: ExpressionSpecification = ['coalesce', ['feature-state', STATE_KEY], 'none'];
const paint = {
  // No antialiasing outline, as for counties-fill (style.ts): the unit lines cover every edge.
  'fill-antialias': false,
  'fill-color': ['match', group, 'core', GROUP_COLOURS.core, 'periphery', GROUP_COLOURS.periphery, 'unclassified', GROUP_COLOURS.unclassified, 'rgba(0,0,0,0)'] as ExpressionSpecification,
  'fill-opacity': ['match', group, 'none', 0, 0.35] as ExpressionSpecification,
};

/** A hidden fill over the source of `fillId`, inserted below `beforeId`; null when the style has no such layer. */
function addTint(map: MapLibreMap, id: string, fillId: string, beforeId: string, minzoom = 0): Tint | null {
  const fill = map.getStyle().layers.find((l) => l.id === fillId);
  if (!fill || !('source-layer' in fill) || !fill['source-layer']) return null;
  const target = { source: String(fill.source), sourceLayer: fill['source-layer'] };
  map.addLayer({ id, type: 'fill', source: target.source, 'source-layer': target.sourceLayer, minzoom, layout: { visibility: 'none' }, paint }, map.getLayer(beforeId) ? beforeId : undefined);
  return { layer: id, target };
}

const codeLevel = (code: string): CoreLevel => (code.endsWith('000000') ? 'county' : code.endsWith('000') ? 'township' : 'village');

export function addCoreLayer(map: MapLibreMap): CoreLayer | null {
  const tints: Partial<Record<CoreLevel, Tint>> = {};
  const county = addTint(map, CORE_LAYER, 'counties-fill', 'counties-line');
  if (!county) return null;
  tints.county = county;
  // Under the township hatch, so the tint never hides that these areas are approximate; townships of a
  // county drilled into are drawn from zoom 8 (drill-layers.ts).
  const township = addTint(map, CORE_TOWNSHIP_LAYER, 'townships-fill', 'townships-fill', 8);
  if (township) tints.township = township;
  let tinted: { tint: Tint; code: string }[] = [];
  let shownKey: string | null = null;
  return {
    show(units, level = 'county') {
      // Called on every redraw: the same groups again change nothing, so nothing is repainted.
      const tint = units ? tints[level] : undefined;
      const key = tint && units ? `${level}|${units.map((u) => `${u.code}:${u.group}`).join(',')}` : null;
      if (key === shownKey) return;
      shownKey = key;
      for (const t of tinted) map.removeFeatureState({ ...t.tint.target, id: t.code }, STATE_KEY);
      tinted = [];
      for (const u of tint ? (units ?? []) : []) {
        map.setFeatureState({ ...tint!.target, id: u.code }, { [STATE_KEY]: u.group });
        tinted.push({ tint: tint!, code: u.code });
      }
      for (const t of Object.values(tints)) map.setLayoutProperty(t.layer, 'visibility', t === tint ? 'visible' : 'none');
    },
    tints: (level) => tints[level] !== undefined,
    groupAt(code) {
      const tint = tints[codeLevel(code)];
      if (!tint || map.getLayoutProperty(tint.layer, 'visibility') !== 'visible') return null;
      const g = map.getFeatureState({ ...tint.target, id: code })[STATE_KEY];
      return g === 'core' || g === 'periphery' || g === 'unclassified' ? g : null;
    },
  };
}
