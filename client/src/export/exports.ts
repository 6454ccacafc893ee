// The three exports offered in the share dialog: the view as PNG, and the flows drawn as CSV or GeoJSON.
// Each returns the file name it saved, for the dialog to announce.
import { exportFileName, flowsCsv, flowsGeoJson, type ExportGeometry } from '../data/flow-export.ts';
import { factorColour } from '../data/flow-style.ts';
import { formatNumber, termLabel } from '../data/term-labels.ts';
import { classRanges, PALETTE } from '../data/balance-classes.ts';
import type { Vocabulary } from '../data/flow-json.ts';
import { fetchVocabulary } from '../flows/flows-api.ts';
import { translate } from '../i18n.ts';
import type { AtlasHook } from '../main.ts';
import { shareText } from '../share/strings.ts';
import { downloadBlob } from './download.ts';
import { canvasPng, captureMap, composeImage, type Caption, type SwatchRow } from './map-image.ts';

function shownFlows(hook: AtlasHook) {
  const shown = hook.flows.shown();
  if (!shown) throw new Error(shareText(hook.locale, 'exportNoFlows'));
  return shown;
}

export function exportCsv(hook: AtlasHook): string {
  const { flows, locations, sources } = shownFlows(hook);
  const name = exportFileName('flows', 'csv');
  downloadBlob(new Blob([flowsCsv(flows, { locations, sources })], { type: 'text/csv;charset=utf-8' }), name);
  return name;
}

/** Straight origin → destination lines (the data), or the curves as the map draws them (see flowsGeoJson). */
export function exportGeoJson(hook: AtlasHook, geometry: ExportGeometry = 'straight'): string {
  const { flows, locations, sources } = shownFlows(hook);
  const name = exportFileName(geometry === 'curve' ? 'flows-curves' : 'flows', 'geojson');
  downloadBlob(new Blob([JSON.stringify(flowsGeoJson(flows, { locations, sources }, geometry))], { type: 'application/geo+json' }), name);
  return name;
}

let vocabulary: Promise<Vocabulary | null> | null = null;

/** The balance choropleth's classes as drawn (the hook's own breaks), with its unit and basis line. */
function balanceRow(hook: AtlasHook, term: (kind: 'bases' | 'units', key: string) => string): { row: SwatchRow; unit: string } | null {
  const c = hook.flows.choropleth();
  if (!c) return null;
  const L = hook.locale;
  const [, basis = '', unitKey = ''] = c.measure.split('|');
  const ranges = classRanges(c.breaks, (v) => formatNumber(v, L));
  const unit = c.perResident ? translate(L, 'balancePerResidentUnit', { unit: term('units', unitKey) }) : term('units', unitKey);
  // The level coloured (counties, or a drilled-in county's townships…), as the legend says.
  const level = hook.flows.choroplethLevel()?.level;
  const lead = level ? `${translate(L, 'balanceTitle')} · ${translate(L, `level.${level}` as never)}` : translate(L, 'balanceTitle');
  return {
    row: { lead: `${lead}:`, items: PALETTE.map((colour, i) => ({ colour, label: ranges[i] ?? '' })) },
    unit: translate(L, 'balanceUnit', { unit, basis: term('bases', basis) }),
  };
}

export async function exportPng(hook: AtlasHook): Promise<string> {
  const L = hook.locale;
  // Factor names for the caption; without them the keys still say something true.
  vocabulary ??= fetchVocabulary().catch(() => null);
  const [shot, vocab] = await Promise.all([captureMap(hook.map), vocabulary]);
  const shown = hook.flows.shown();
  const factors = [...new Set(shown?.flows.map((f) => f.factor) ?? [])].sort();
  const attribution = document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.trim();
  const now = new Date();
  const term = (kind: 'factors' | 'bases' | 'units', key: string) => (vocab ? termLabel(vocab, kind, key, L) : key);
  const balance = balanceRow(hook, term);
  const caption: Caption = {
    title: shareText(L, 'pngTitle'),
    rows: [{ lead: `${translate(L, 'flowsFactors')}:`, items: factors.map((f) => ({ colour: factorColour(f), label: term('factors', f) })) }, ...(balance ? [balance.row] : [])],
    lines: [
      ...(shown ? [shareText(L, 'pngFlows', { n: shown.flows.length })] : []),
      ...(balance ? [balance.unit] : []),
      translate(L, 'legendCredits'),
      ...(attribution ? [attribution] : []),
      `${shareText(L, 'pngExported', { date: now.toISOString().slice(0, 16).replace('T', ' ') })} UTC · ${location.origin}`,
    ],
  };
  const scale = shot.width / Math.max(1, hook.map.getCanvas().clientWidth);
  const name = exportFileName('map', 'png', now);
  downloadBlob(await canvasPng(composeImage(shot, caption, scale)), name);
  return name;
}
