// The basemap's committed rivers file and the census that says what WDBII holds around Wenzhou. Pure: no
// GMT needed (the file is committed so that neither users nor CI need it).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CENSUS_BOX, censusInBox, parseGmtSegments, riversFile } from '../client/basemap/extract-rivers.ts';

interface RiversFile {
  features: { properties: { class: number }; geometry: { coordinates: [number, number][][] } }[];
  source: { title: string; licence: string; commands: string[] };
}

const committed = JSON.parse(fs.readFileSync(riversFile, 'utf8')) as RiversFile;

describe('the rivers census around Wenzhou', () => {
  it('counts the vertices of each WDBII class inside the box only, with the latitudes they span', () => {
    const text = [
      '> River Bin # 22081, Level 3',
      '120.10 28.20',
      '120.20 28.30',
      '121.90 28.30', // east of the box
      '> River Bin # 22440, Level 4',
      '119.70 27.50',
      '119.80 26.50', // south of the box
    ].join('\n');
    const found = censusInBox(parseGmtSegments(text), CENSUS_BOX);
    expect([...found.keys()]).toEqual([3, 4]);
    expect(found.get(3)).toEqual({ vertices: 2, south: 28.2, north: 28.3 });
    expect(found.get(4)).toEqual({ vertices: 1, south: 27.5, north: 27.5 });
  });
});

describe('the committed rivers file', () => {
  it('records where it came from: title, licence and the exact GMT commands', () => {
    expect(committed.source.title).toBe('WDBII rivers, from GSHHG 2.3.7');
    expect(committed.source.licence).toBe('LGPL-3.0-or-later');
    expect(committed.source.commands).toEqual(['gmt coast -R70/140/15/55 -I1 -I2 -M -Dh', 'gmt coast -R117.5/123.5/23.5/31.5 -I3 -M -Dh']);
  });

  it('draws the 瓯江 in Wenzhou as class 3, and nothing further south: WDBII has no 飞云江 or 鳌江', () => {
    const segments = committed.features.flatMap((f) => f.geometry.coordinates.map((line) => ({ level: f.properties.class, line })));
    const found = censusInBox(segments, CENSUS_BOX);
    expect([...found.keys()]).toEqual([3]);
    expect(found.get(3)!.vertices).toBeGreaterThan(20);
    // The 飞云江 reaches the sea at 瑞安 (≈ 27.8°N) and the 鳌江 at ≈ 27.6°N.
    expect(found.get(3)!.south).toBeGreaterThan(28);
  });
});
