// Wires the drill-down: the scope (which unit the map is drilled into), the breadcrumb bar, the layers it
// filters, the flows' level, and the view part of the URL (drill scope and selection; MapLibre keeps the
// camera). main.ts tells it about selections; it tells main.ts which unit to select when a crumb is used.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fetchUnit } from '../api.ts';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { crumbsFor, flowScopeFor, scopeForCrumb, scopeForUnit, shownLevel, type DrillScope } from '../data/drill.ts';
import { writeViewHash, type ViewUrlState } from '../data/view-url-state.ts';
import type { TileSet } from '../tilejson.ts';
import type { UnitDetails, UnitSummary } from '../unit-details.ts';
import { renderDrillBar } from './drill-bar.ts';
import { addDrillLayers, type DrillLayers } from './drill-layers.ts';
import { dt } from './strings.ts';
import { styleLoaded } from '../style-loaded.ts';

export interface DrillHost {
  map: MapLibreMap;
  stage: HTMLElement;
  i18n: I18n;
  /** The view the URL asked for, read before the map could rewrite the hash. */
  initial: ViewUrlState;
  announce(text: string): void;
  /** Select a unit (and show its panel); fly there when asked. */
  select(code: string, fly: boolean): Promise<void>;
  /** Frame a unit with no selection (stepping up to the top). */
  frameTop(): void;
  /** The flows layer, when mounted: re-aggregate to the level shown, touching the scope. */
  setFlowScope?(scope: { level: string; within: string | null }): void;
  /**
   * The villages' TileJSON (null when there are none), asked for with the other tile sets: the drill's
   * layers are then added as soon as the style is loaded, before any tile is fetched (style-loaded.ts).
   */
  villages: Promise<TileSet | null>;
}

export interface DrillHook {
  /** The 12-digit code drilled into, or null at the top. */
  scope(): string | null;
  /** The unit drilled into (names and level), or null at the top. */
  unit(): UnitSummary | null;
  /** The level of the areas shown under the scope. */
  level(): string;
  villages(): string[];
  /** The least zoom that shows what the scope drills to (villages exist in tiles only from their minimum zoom). */
  minZoom(): number;
  /** Call after a unit is selected by a click or search: drills into it (or its township, for a village); true when the scope changed. */
  enterFor(unit: UnitDetails): boolean;
  /** Call whenever the selection changes, so the URL follows. */
  selectionChanged(code: string | null): void;
  /** The view the URL asked for at start-up (read once, before anything rewrites the hash). */
  initial: ViewUrlState;
  /** Resolves once the drill layers exist and the URL's drill scope (if any) is applied. */
  ready: Promise<void>;
  /**
   * Drills into a unit by code (a village shows inside its township; a province or prefecture is the top),
   * or back to the top with null (framed there). Resolves with the unit drilled into, for the caller to
   * frame it, or null at the top.
   */
  set(code: string | null): Promise<UnitDetails | null>;
  /** Called after every change of scope (click, breadcrumb, search, link, set), with the unit and the level shown. */
  onChange(listener: (scope: UnitSummary | null, level: string) => void): void;
}

/** The ancestors above `code` in a top-down ancestor list. */
const above = (list: UnitSummary[], code: string) => list.slice(0, Math.max(0, list.findIndex((x) => x.code === code)));

function scopeWithAncestors(unit: UnitDetails): [DrillScope, UnitSummary[]] {
  const next = scopeForUnit(unit, unit.ancestors);
  return [next, next && next.code !== unit.code ? above(unit.ancestors, next.code) : unit.ancestors];
}

export function mountDrill(host: DrillHost): DrillHook {
  const { map, i18n } = host;
  const { initial } = host;
  const bar = h('nav', { id: 'drill-bar', class: 'drill-bar' });
  host.stage.append(bar);
  let scope: DrillScope = null;
  let ancestors: UnitSummary[] = [];
  let selection: string | null = initial.selection;
  let layers: DrillLayers | null = null;
  let villageMinZoom: number | null = null;
  const listeners: ((scope: UnitSummary | null, level: string) => void)[] = [];

  const save = () => {
    const next = writeViewHash(location.hash, { drill: scope?.code ?? null, selection });
    if (next !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
  };
  const render = () => renderDrillBar(bar, i18n, scope, crumbsFor(scope, ancestors), step);
  const name = (u: UnitSummary | null) => (u ? (i18n.locale === 'en' && u.nameEn ? u.nameEn : u.nameZh) : dt(i18n.locale, 'drillTop'));

  function apply(next: DrillScope, nextAncestors: UnitSummary[]): void {
    scope = next;
    ancestors = nextAncestors;
    const county = next?.level === 'township' ? (nextAncestors.find((a) => a.level === 'county')?.code ?? null) : null;
    layers?.apply(next, county);
    host.setFlowScope?.(flowScopeFor(next));
    render();
    save();
    for (const l of listeners) l(next, shownLevel(next));
  }

  function step(unit: UnitSummary | null): void {
    const next = scopeForCrumb(unit);
    apply(next, next ? above(ancestors, next.code) : []);
    host.announce(dt(i18n.locale, 'drillLeft', { name: name(unit) }));
    if (unit) void host.select(unit.code, true);
    else host.frameTop();
    bar.querySelector<HTMLElement>('[aria-current]')?.focus();
  }

  const ready = (async () => {
    const [villages] = await Promise.all([host.villages, styleLoaded(map)]);
    villageMinZoom = villages?.minzoom ?? null;
    layers = addDrillLayers(map, villages, i18n.locale);
    if (initial.drill) {
      try {
        const unit = await fetchUnit(initial.drill);
        apply(...scopeWithAncestors(unit));
        return;
      } catch (err) {
        console.warn(`[atlas] drill ${initial.drill}: ${(err as Error).message}`);
      }
    }
    apply(null, []);
  })();
  render();
  i18n.onChange((l) => {
    layers?.setLocale(l);
    render();
  });

  return {
    scope: () => scope?.code ?? null,
    unit: () => scope,
    level: () => shownLevel(scope),
    villages: () => layers?.villageCodesRendered() ?? [],
    minZoom: () => (scope?.level === 'township' && villageMinZoom !== null ? villageMinZoom : 0),
    enterFor(unit) {
      const [next, nextAncestors] = scopeWithAncestors(unit);
      if (next?.code === scope?.code) return false;
      apply(next, nextAncestors);
      // After the caller's own "selected" message (same task), so this fuller one is what is read out.
      const said = next ? dt(i18n.locale, 'drillEntered', { name: name(next), level: i18n.t(`level.${shownLevel(next)}`) }) : null;
      if (said) setTimeout(() => host.announce(said), 0);
      return true;
    },
    selectionChanged(code) {
      selection = code;
      save();
    },
    initial,
    ready,
    async set(code) {
      await ready;
      if (code === null) {
        apply(null, []);
        host.frameTop();
        return null;
      }
      const unit = await fetchUnit(code);
      const [next, nextAncestors] = scopeWithAncestors(unit);
      if (next?.code !== scope?.code) apply(next, nextAncestors);
      if (!next) {
        host.frameTop();
        return null;
      }
      // A village is shown inside its township: that is what gets framed.
      return next.code === unit.code ? unit : fetchUnit(next.code);
    },
    onChange: (l) => void listeners.push(l),
  };
}
