// The net-balance choropleth at the level the drill-down shows: county fills at the top (the flows
// panel's own layer), township fills inside a county, village points inside a township (villages have no
// areas). Each is coloured by feature state from the one LevelChoropleth the legend is drawn from, and
// only one of them is visible at a time, so the map never shows two levels' classes under one legend.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LevelChoropleth } from '../data/drill-balance.ts';
import { addBalanceLayer, type BalanceLayer } from '../flows/balance-layer.ts';
import { classColour as colour, classPainter, classValue as cls, type ClassPainter, type ClassTarget } from './class-painter.ts';
import { VILLAGE_POINTS } from './drill-layers.ts';

export const TOWNSHIP_BALANCE_LAYER = 'balance-township-fill';
export const VILLAGE_BALANCE_LAYER = 'balance-village-points';

/** Only units painted at this level answer: a unit of another level keeps no class here. */
function scoped(painter: ClassPainter): ClassPainter {
  let codes = new Set<string>();
  return {
    show(classes) {
      codes = new Set(classes?.keys() ?? []);
      painter.show(classes);
    },
    classAt: (code) => (codes.has(code) ? painter.classAt(code) : null),
  };
}

function sourceOf(map: MapLibreMap, layerId: string): ClassTarget | null {
  const l = map.getStyle().layers.find((x) => x.id === layerId);
  return l && 'source' in l && 'source-layer' in l && l['source-layer'] ? { source: String(l.source), sourceLayer: l['source-layer'] } : null;
}

function addTownshipLayer(map: MapLibreMap) {
  const target = sourceOf(map, 'townships-fill');
  if (!target) return null;
  // Under the township hatch, so the colour never hides that these areas are approximate.
  map.addLayer(
    { id: TOWNSHIP_BALANCE_LAYER, type: 'fill', source: target.source, 'source-layer': target.sourceLayer, minzoom: 8, layout: { visibility: 'none' }, paint: { 'fill-color': colour, 'fill-opacity': ['case', ['>=', cls, 0], 0.6, 0] } },
    'townships-fill',
  );
  return scoped(classPainter(map, TOWNSHIP_BALANCE_LAYER, target));
}

function addVillageLayer(map: MapLibreMap) {
  const target = sourceOf(map, VILLAGE_POINTS);
  if (!target) return null;
  // A coloured disc under each village's own point, so the selection's colour stays on top.
  map.addLayer(
    { id: VILLAGE_BALANCE_LAYER, type: 'circle', source: target.source, 'source-layer': target.sourceLayer, layout: { visibility: 'none' }, paint: { 'circle-radius': 11, 'circle-color': colour, 'circle-opacity': ['case', ['>=', cls, 0], 0.9, 0], 'circle-stroke-width': ['case', ['>=', cls, 0], 1, 0], 'circle-stroke-color': '#555555' } },
    VILLAGE_POINTS,
  );
  return scoped(classPainter(map, VILLAGE_BALANCE_LAYER, target));
}

export interface LevelBalanceLayer {
  show(c: LevelChoropleth | null): void;
  classAt(code: string): number | null;
}

export function addLevelBalanceLayer(map: MapLibreMap): LevelBalanceLayer {
  const county: BalanceLayer | null = addBalanceLayer(map);
  const township = map.getLayer('townships-fill') ? addTownshipLayer(map) : null;
  // The village source comes with the drill-down's layers, which may be added after this one.
  let village: ReturnType<typeof addVillageLayer> = null;
  const villages = () => (village ??= map.getLayer(VILLAGE_POINTS) ? addVillageLayer(map) : null);
  let level: string | null = null;
  return {
    show(c) {
      level = c?.level ?? null;
      county?.show(c && c.level === 'county' ? c : null);
      township?.show(c && c.level === 'township' ? c.classes : null);
      if (c?.level === 'village') villages()?.show(c.classes);
      else village?.show(null);
    },
    classAt(code) {
      if (level === 'township') return township?.classAt(code) ?? null;
      if (level === 'village') return village?.classAt(code) ?? null;
      return county?.classAt(code) ?? null;
    },
  };
}
