// The GeoJSON export's two geometries: straight origin → destination lines (the data, the default) and the
// curves exactly as the map lays them out (an option for cartography), told apart inside the file.
import { describe, expect, it } from 'vitest';
import { exportFileName, flowsGeoJson } from '../client/src/data/flow-export.ts';
import { layoutFlows } from '../client/src/data/flow-geometry.ts';
import { parseFlowData } from '../client/src/data/flow-json.ts';

const data = parseFlowData({
  locations: [
    { id: '330382000000', name_zh: '乐清市', name_en: 'Yuèqīng Shì', lon: 120.96, lat: 28.12 },
    { id: '330329000000', name_zh: '泰顺县', name_en: 'Tàishùn Xiàn', lon: 119.72, lat: 27.56 },
  ],
  flows: [
    { id: 'yq-ts-land', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'documented', magnitude: null, unit: null, count: 1, period: '2023/2025', mechanisms: [], sources: ['seed'] },
    { id: 'yq-ts-labour', origin: '330382000000', dest: '330329000000', factor: 'labour', basis: 'modelled', magnitude: 219.5, unit: 'persons', count: 2, period: '2020', mechanisms: [], sources: ['seed'] },
    { id: 'ts-yq-labour', origin: '330329000000', dest: '330382000000', factor: 'labour', basis: 'modelled', magnitude: 50, unit: 'persons', count: 1, period: '2020', mechanisms: [], sources: ['seed'] },
  ],
  sources: { seed: { title: 'Wenzhou case study, 2024', publisher: 'seed' } },
});

describe('GeoJSON export geometry', () => {
  it('is straight by default and says so in the file', () => {
    const fc = flowsGeoJson(data.flows, data);
    expect(fc.atlas_geometry).toBe('straight');
    expect(fc.features.every((f) => f.geometry.coordinates.length === 2)).toBe(true);
  });

  it('as curves, carries for each flow the very path the map draws (lanes for the same pair, two-way pairs apart)', () => {
    const fc = flowsGeoJson(data.flows, data, 'curve');
    expect(fc.atlas_geometry).toBe('curve');
    const drawn = new Map(layoutFlows(data.flows, data.locations).map((d) => [d.flow.id, d.path]));
    expect(fc.features).toHaveLength(3);
    for (const f of fc.features) expect(f.geometry.coordinates, String(f.id)).toEqual(drawn.get(String(f.id)));
    const [land, labour, back] = ['yq-ts-land', 'yq-ts-labour', 'ts-yq-labour'].map((id) => fc.features.find((f) => f.id === id)!.geometry.coordinates);
    // Both ends stay the units' points; the middles differ between lanes and directions.
    expect(land![0]).toEqual([120.96, 28.12]);
    expect(land!.at(-1)).toEqual([119.72, 27.56]);
    expect(land![12]).not.toEqual(labour![12]);
    expect(labour![12]).not.toEqual(back![12]);
    // The same properties as the straight file.
    expect(fc.features.map((f) => f.properties)).toEqual(flowsGeoJson(data.flows, data).features.map((f) => f.properties));
  });

  it('names the curve file apart from the data file', () => {
    const now = new Date('2026-11-25T21:00:00Z');
    expect(exportFileName('flows-curves', 'geojson', now)).toBe('atlas-flows-curves-2026-11-25.geojson');
    expect(exportFileName('flows', 'geojson', now)).toBe('atlas-flows-2026-11-25.geojson');
  });
});
