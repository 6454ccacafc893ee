// The MapLibre map: camera, controls, the hatch image, and the selection and hover state of units.
// It knows nothing of panels or languages beyond swapping the label field.
import maplibregl, { type Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import { hatchImage, hexToRgb } from './hatch.ts';
import type { Locale, MessageKey } from './i18n.ts';
import { pickUnit, type PickedUnit } from './pick.ts';
import { VILLAGE_POINTS } from './drill/drill-layers.ts';
import { colours, COUNTY_SELECTED_LINE, HATCH_IMAGE, labelField, labelLayers, pickLayers } from './style.ts';
import type { TileSet } from './tilejson.ts';
import type { Box, Level } from './unit-details.ts';

export interface MapView {
  map: MapLibreMap;
  /** Resolves the first time the map is idle with its style and every visible tile loaded. */
  ready: Promise<void>;
  pickAt(point: { x: number; y: number }): PickedUnit | null;
  setSelected(unit: { code: string; level: Level; featureId?: string | number } | null): void;
  /** Label field, and MapLibre's own control titles, which it only sets once in English. */
  setLocale(locale: Locale, t: (key: MessageKey) => string): void;
  /** Frames a box, kept clear of the pixels covered on each side (the open panels), at least `minZoom` close. */
  fitBox(box: Box, opts?: FitOptions): void;
}

export interface FitOptions {
  left?: number;
  right?: number;
  bottom?: number;
  minZoom?: number;
}

/**
 * Starts MapLibre's tile worker now, before the map exists: the worker's script boots while the page still
 * waits for its TileJSON, instead of after it (docs/client-flows.md, "First idle").
 */
export function prewarmMap(): void {
  maplibregl.prewarm();
}

/** The longest the first drawing waits for tiles: past it, a slow network still gets a map drawn as tiles come. */
const HOLD_FIRST_FRAMES_MS = 3000;

/**
 * Draws nothing until the map is loaded — its style, sources and every tile in view — and its labels placed
 * (or HOLD_FIRST_FRAMES_MS have passed), then the whole map at once. In software WebGL each frame costs hundreds of milliseconds and the first use of each shader
 * program more: frames drawn while tiles still arrive, each soon replaced, only delayed the complete one
 * (docs/client-flows.md, "First idle"). MapLibre still loads, lays out and places everything meanwhile; only
 * its painter is held. The painter is not public API: maplibre-gl is pinned (5.24.1) for this and for deck.gl.
 */
function holdFirstFrames(map: MapLibreMap): void {
  const internals = map as unknown as { painter?: { style?: unknown; render(style: unknown, ...rest: unknown[]): void }; _placementDirty?: boolean };
  const painter = internals.painter;
  // Should a MapLibre upgrade rename these internals, the map simply draws as tiles come, as it did before.
  if (!painter || typeof painter.render !== 'function') return;
  const render = painter.render.bind(painter);
  const until = performance.now() + HOLD_FIRST_FRAMES_MS;
  // Until the first drawing the map area is only the sea's colour: say that it is loading (the text comes
  // from data-loading, set by the page in its language) rather than look empty.
  const container = map.getContainer();
  container.setAttribute('aria-busy', 'true');
  painter.render = (style, ...rest) => {
    // Labels still being placed would ask for one more frame straight after: wait for them too.
    if ((!map.loaded() || internals._placementDirty) && performance.now() < until) {
      // The one thing a held render must still do: tiles arriving meanwhile read their layers from it.
      painter.style = style;
      return;
    }
    painter.render = render;
    container.removeAttribute('aria-busy');
    render(style, ...rest);
  };
}

// Which source and layer inside the tiles holds each level that has areas on the map.
type Sources = Partial<Record<Level, { source: string; sourceLayer: string }>>;

export function createMapView(
  container: HTMLElement,
  style: StyleSpecification,
  tilesets: { counties: TileSet | null; townships: TileSet | null },
  initialBounds: Box,
): MapView {
  const map = new maplibregl.Map({
    container,
    style,
    bounds: initialBounds,
    fitBoundsOptions: { padding: 32 },
    // The boundary sources' full credits are long: they sit behind the ⓘ button, collapsed below, while the
    // legend always shows the basemap's credits.
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    hash: 'view',
    // No tiles beyond China's neighbourhood: the basemap stops there.
    maxBounds: [40, -5, 170, 70],
    // Labels appear at once instead of fading in over 300 ms: each fade step is one more frame, and a frame
    // in software WebGL costs hundreds of milliseconds (docs/client-flows.md, "Where a frame goes").
    fadeDuration: 0,
  });
  holdFirstFrames(map);
  // The sea: the style has no background layer (style.ts says why).
  container.style.backgroundColor = colours.sea;
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.once('load', () => container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show'));

  // The hatch is made in code; MapLibre asks for it when a layer first needs it.
  map.on('styleimagemissing', (e) => {
    if (e.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage(10, hexToRgb(colours.hatch), 1.2), { pixelRatio: 1 });
  });

  const sources: Sources = {};
  if (tilesets.counties) sources.county = { source: 'counties', sourceLayer: tilesets.counties.sourceLayer };
  if (tilesets.townships) sources.township = { source: 'townships', sourceLayer: tilesets.townships.sourceLayer };
  // Village points exist only once the drill-down has added them, and are drawn only inside a township.
  const activePickLayers = () =>
    [VILLAGE_POINTS, ...pickLayers].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');

  const ready = new Promise<void>((resolve) => {
    const onIdle = () => {
      if (!map.loaded()) return;
      map.off('idle', onIdle);
      resolve();
    };
    map.on('idle', onIdle);
  });

  let selected: { source: string; sourceLayer: string; id: string | number } | null = null;
  let hovered: { source: string; sourceLayer: string; id: string | number } | null = null;
  const target = (u: { code: string; level: Level; featureId?: string | number }) => {
    const points = u.level === 'village' ? map.getLayer(VILLAGE_POINTS) : undefined;
    if (points?.sourceLayer) return { source: points.source, sourceLayer: points.sourceLayer, id: u.featureId ?? u.code };
    const s = sources[u.level];
    return s ? { ...s, id: u.featureId ?? u.code } : null;
  };
  const setState = (t: typeof selected, key: 'selected' | 'hover', value: boolean) => {
    if (t && map.getSource(t.source)) map.setFeatureState(t, { [key]: value });
  };

  const view: MapView = {
    map,
    ready,
    pickAt(point) {
      const layers = activePickLayers();
      if (!layers.length) return null;
      return pickUnit(map.queryRenderedFeatures([point.x, point.y], { layers }));
    },
    setSelected(unit) {
      setState(selected, 'selected', false);
      selected = unit ? target(unit) : null;
      setState(selected, 'selected', true);
      // The county outline layer is hidden until something is first selected (style.ts says why).
      if (unit && map.getLayer(COUNTY_SELECTED_LINE)) map.setLayoutProperty(COUNTY_SELECTED_LINE, 'visibility', 'visible');
    },
    setLocale(locale, t) {
      for (const id of labelLayers) if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', labelField(locale));
      const titles: [string, MessageKey][] = [
        ['.maplibregl-ctrl-zoom-in', 'zoomIn'],
        ['.maplibregl-ctrl-zoom-out', 'zoomOut'],
        ['.maplibregl-ctrl-attrib-button', 'toggleAttribution'],
      ];
      for (const [selector, key] of titles) {
        const el = container.querySelector(selector);
        el?.setAttribute('title', t(key));
        el?.setAttribute('aria-label', t(key));
      }
      container.setAttribute('aria-label', t('mapRegion'));
      map.getCanvas().setAttribute('aria-label', t('mapLabel'));
    },
    fitBox(box, { left: leftInset = 0, right: rightInset = 0, bottom: bottomInset = 0, minZoom = 0 } = {}) {
      const duration = matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 800;
      const c = map.getCanvas();
      // Leave at least a third of the map for the unit, however wide the panels.
      const spare = (c.clientWidth * 2) / 3;
      const right = Math.min(48 + rightInset, spare);
      const left = Math.min(48 + leftInset, Math.max(48, spare - right));
      // A bottom sheet (the panel on a phone) covers the lower part: keep at least a third of the height.
      const bottom = Math.min(48 + bottomInset, (c.clientHeight * 2) / 3);
      const padding = { top: 48, bottom, left, right };
      const camera = map.cameraForBounds(box, { padding, maxZoom: 13 });
      // A township's villages only exist in tiles from their layer's minimum zoom: frame it at least that close.
      if (camera?.zoom !== undefined && camera.zoom < minZoom) {
        // An offset, not a padding: easeTo's padding would stay on the map after the move.
        map.easeTo({ center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], zoom: minZoom, offset: [(left - right) / 2, (48 - bottom) / 2], duration });
      } else map.fitBounds(box, { padding, maxZoom: 13, duration });
    },
  };

  map.on('mousemove', (e) => {
    const picked = view.pickAt(e.point);
    const next = picked ? target(picked) : null;
    if (next?.id === hovered?.id && next?.source === hovered?.source) return;
    setState(hovered, 'hover', false);
    hovered = next;
    setState(hovered, 'hover', true);
    map.getCanvas().style.cursor = picked ? 'pointer' : '';
  });
  map.on('mouseout', () => {
    setState(hovered, 'hover', false);
    hovered = null;
  });
  return view;
}
