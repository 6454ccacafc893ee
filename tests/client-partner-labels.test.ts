// Labels for flow and alliance ends the unit tiles do not draw (a partner county in Sichuan, say).
import { describe, expect, it } from 'vitest';
import { parseAlliances, parseFlowData } from '../client/src/data/flow-json.ts';
import { drawnEnds, partnerLabels } from '../client/src/data/partner-labels.ts';

const answer = {
  locations: [
    { id: '330382000000', name_zh: '乐清市', name_en: 'Yuèqīng Shì', geom_quality: 'surveyed', lon: 120.96, lat: 28.12 },
    { id: '513230000000', name_zh: '壤塘县', name_en: null, geom_quality: 'none', lon: 100.98, lat: 32.27 },
    { id: '513222000000', name_zh: '理县', name_en: 'Lǐ Xiàn', geom_quality: 'none', lon: 103.16, lat: 31.44 },
  ],
  flows: [
    { id: 'f1', origin: '330382000000', dest: '513230000000', factor: 'capital', basis: 'documented', magnitude: null, period: '2019' },
  ],
};
const alliances = parseAlliances({
  alliances: [
    {
      id: '6',
      programme: 'east_west',
      a: { code: '330382000000', name_zh: '乐清市', name_en: 'Yuèqīng Shì', geom_quality: 'surveyed', lon: 120.96, lat: 28.12 },
      b: { code: '513222000000', name_zh: '理县', name_en: 'Lǐ Xiàn', geom_quality: 'none', lon: 103.16, lat: 31.44 },
    },
  ],
});

describe('partner labels', () => {
  const data = parseFlowData(answer);
  const drawn = data.flows.map((flow) => ({ flow }));

  it('labels the ends that have no area on the map, once each, and not the mapped ones', () => {
    const labels = partnerLabels([...drawnEnds(drawn, data.locations, alliances), ...drawnEnds(drawn, data.locations, [])], 'zh-CN');
    expect(labels.features.map((f) => f.properties)).toEqual([
      { code: '513230000000', name: '壤塘县' },
      { code: '513222000000', name: '理县' },
    ]);
    expect(labels.features[0]!.geometry.coordinates).toEqual([100.98, 32.27]);
  });

  it('names them in English when the page is English, keeping the Chinese name where no English one is on record', () => {
    const labels = partnerLabels(drawnEnds(drawn, data.locations, alliances), 'en');
    expect(labels.features.map((f) => f.properties.name)).toEqual(['壤塘县', 'Lǐ Xiàn']);
  });

  it('labels nothing when no unmapped end is drawn (filtered out, or an older answer without geom_quality)', () => {
    expect(partnerLabels(drawnEnds([], data.locations, []), 'zh-CN').features).toEqual([]);
    const old = parseFlowData({ ...answer, locations: answer.locations.map(({ geom_quality: _, ...l }) => l) });
    expect(partnerLabels(drawnEnds(old.flows.map((flow) => ({ flow })), old.locations, []), 'zh-CN').features).toEqual([]);
  });
});
