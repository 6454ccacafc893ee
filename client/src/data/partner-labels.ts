// Flow and alliance ends that the unit tiles do not draw (the atlas holds no area for them, e.g. a partner
// county in Sichuan paired with a Wenzhou county) would otherwise be unnamed line ends far from the region,
// named only in a tooltip. Those ends get a label of their own.
import type { FeatureCollection, Point } from 'geojson';
import type { Locale } from '../i18n.ts';
import type { Alliance, Flow, FlowLocation } from './flow-json.ts';

export interface LabelEnd {
  code: string;
  nameZh: string;
  nameEn: string | null;
  lon: number;
  lat: number;
  /** False when the unit has no area on the map (geom_quality none). */
  mapped?: boolean;
}

export interface PartnerLabel {
  code: string;
  name: string;
}

/** One labelled point per unmapped end (the first of each code), named in the page language. */
export function partnerLabels(ends: Iterable<LabelEnd>, locale: Locale): FeatureCollection<Point, PartnerLabel> {
  const seen = new Set<string>();
  const features: FeatureCollection<Point, PartnerLabel>['features'] = [];
  for (const e of ends) {
    if (e.mapped !== false || seen.has(e.code)) continue;
    seen.add(e.code);
    // No English name on record: the Chinese one, not an invented transliteration.
    const name = locale === 'en' ? (e.nameEn ?? e.nameZh) : e.nameZh;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [e.lon, e.lat] }, properties: { code: e.code, name } });
  }
  return { type: 'FeatureCollection', features };
}

/** The ends of what is drawn: both ends of every drawn flow, then both ends of every shown alliance. */
export function drawnEnds(
  drawn: readonly { flow: Pick<Flow, 'origin' | 'dest'> }[],
  locations: ReadonlyMap<string, FlowLocation>,
  alliances: readonly Pick<Alliance, 'a' | 'b'>[],
): LabelEnd[] {
  const out: LabelEnd[] = [];
  for (const { flow } of drawn) {
    for (const id of [flow.origin, flow.dest]) {
      const l = locations.get(id);
      if (l) out.push({ code: l.id, nameZh: l.nameZh, nameEn: l.nameEn, lon: l.lon, lat: l.lat, mapped: l.mapped });
    }
  }
  for (const a of alliances) out.push(a.a, a.b);
  return out;
}
