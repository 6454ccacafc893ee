// The importer's pure rules: codes, statistical units, name keys for the 2016 join, CRS options and the
// checks made before anything reaches the database.
import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { degreeProblem, structureProblem } from '../server/geodata/geometry-checks.ts';
import { joinByName, type JoinCandidate } from '../server/geodata/name-join.ts';
import { ancestorCode, levelOfCode, normaliseCode, statisticalTownshipReason } from '../server/geodata/nbs-code.ts';
import { townshipKey, villageKey } from '../server/geodata/place-names.ts';
import { parseCrs, toWgs84 } from '../server/geodata/source-crs.ts';

describe('NBS codes', () => {
  it('pads the published 2-, 4-, 6- and 9-digit forms to 12 digits and rejects anything else', () => {
    expect(normaliseCode('330383')).toBe('330383000000');
    expect(normaliseCode(330329100)).toBe('330329100000');
    expect(normaliseCode('33')).toBe('330000000000');
    expect(normaliseCode('3303831')).toBeNull();
    expect(normaliseCode('33O383')).toBeNull();
    expect(normaliseCode('')).toBeNull();
    expect(normaliseCode(null)).toBeNull();
  });

  it('reads the level from the zero padding and finds ancestors by prefix', () => {
    expect(levelOfCode('330000000000')).toBe('province');
    expect(levelOfCode('330300000000')).toBe('prefecture');
    expect(levelOfCode('330383000000')).toBe('county');
    expect(levelOfCode('330329100000')).toBe('township');
    expect(levelOfCode('330329100201')).toBe('village');
    expect(ancestorCode('330329100201', 'county')).toBe('330329000000');
  });

  it('treats farms, forest farms, zones, reserves and 直辖村级区划 rows as statistical units, but not a 4xx street', () => {
    for (const [code, name] of [
      ['330324400000', '县特产场场区'],
      ['330324401000', '四海山林场'],
      ['330326401000', '开发区'],
      ['330329400000', '乌岩岭自然保护区'],
      ['330383198000', '龙港县直辖村级区划'],
    ]) expect(statisticalTownshipReason(code!, name!), name).not.toBeNull();
    expect(statisticalTownshipReason('130271450000', '新华路街道')).toBeNull();
    expect(statisticalTownshipReason('330302006000', '五马街道')).toBeNull();
  });
});

describe('name keys for joining 2016 to 2023', () => {
  it('maps the long 2016 forms onto the 2023 ones', () => {
    expect(townshipKey('乐成街道办事处')).toBe('乐成街道');
    expect(townshipKey('乐成街道')).toBe('乐成街道');
    expect(villageKey('樟村村委会')).toBe('樟村村');
    expect(villageKey('樟村村')).toBe('樟村村');
    expect(villageKey('鼓楼居委会')).toBe(villageKey('鼓楼社区'));
    expect(villageKey('鼓楼社区居委会')).toBe(villageKey('鼓楼社区'));
  });

  it('keeps a street and a town of the same stem apart', () => {
    expect(townshipKey('城东街道')).not.toBe(townshipKey('城东镇'));
  });
});

describe('joining by name', () => {
  const cand = (key: string, county: string, parentKey?: string): JoinCandidate => ({ key, county, parentKey, point: [120, 28], where: key });

  it('prefers the same township, then the same county, and searches the wider area only for a county new since 2016', () => {
    const m = joinByName(
      [
        { code: 'a', key: '新村', county: '330302', parentKey: '五马街道' },
        { code: 'b', key: '金钗河社区', county: '330383', parentKey: '龙港县直辖村级区划' },
        { code: 'c', key: '新村', county: '330303', parentKey: '永中街道' },
      ],
      [cand('新村', '330302', '五马街道'), cand('新村', '330302', '七都街道'), cand('金钗河社区', '330327', '龙港镇'), cand('新村', '330304')],
    );
    expect(m.get('a')?.how).toBe('same-parent');
    expect(m.get('b')?.how).toBe('same-area'); // 龙港市 is new: its 2016 places sit under 苍南县 330327
    expect(m.has('c')).toBe(false); // 新村 is in several places elsewhere: no evidence for any one
  });

  it('does not take a same-named place from another county for a county the old list knows', () => {
    const m = joinByName([{ code: 'y', key: '岭头村', county: '330326', parentKey: '水头镇' }], [cand('岭头村', '330382', '大荆镇'), cand('东岙村', '330326', '水头镇')]);
    expect(m.size).toBe(0);
  });

  it('refuses a name that two places in the same county share', () => {
    const m = joinByName([{ code: 'x', key: '新村', county: '330302' }], [cand('新村', '330302', 'A'), cand('新村', '330302', 'B')]);
    expect(m.size).toBe(0);
  });
});

describe('coordinate systems and checks before the database', () => {
  it('parses the --crs words and EPSG codes, treating EPSG:4326 and 4490 as degrees to store as they are', () => {
    expect(parseCrs('gcj02')).toEqual({ kind: 'gcj02', label: 'GCJ-02' });
    expect(parseCrs('CGCS2000')).toEqual({ kind: 'wgs84', label: 'EPSG:4490' });
    expect(parseCrs('EPSG:4490')).toEqual({ kind: 'wgs84', label: 'EPSG:4490' });
    expect(parseCrs('epsg:4549')).toEqual({ kind: 'epsg', srid: 4549, label: 'EPSG:4549' });
    expect(() => parseCrs('mars')).toThrow(/--crs must be/);
  });

  it('moves a GCJ-02 point at Wenzhou about 400 m west and 340 m north (the published offset)', () => {
    const g = toWgs84({ type: 'Point', coordinates: [120.7, 28.0] }, parseCrs('gcj02')) as Point;
    const east = (g.coordinates[0]! - 120.7) * Math.cos((28 * Math.PI) / 180) * 111_320;
    const north = (g.coordinates[1]! - 28.0) * 110_574;
    expect(east).toBeGreaterThan(-460);
    expect(east).toBeLessThan(-360);
    expect(north).toBeGreaterThan(290);
    expect(north).toBeLessThan(390);
  });

  it('names unclosed rings, swapped axes and non-polygons', () => {
    expect(structureProblem({ type: 'Polygon', coordinates: [[[120, 28], [121, 28], [121, 29], [120, 28.5]]] })).toMatch(/not closed/);
    expect(structureProblem({ type: 'LineString', coordinates: [[120, 28], [121, 28]] })).toMatch(/cannot be an administrative unit/);
    expect(degreeProblem({ type: 'Point', coordinates: [28, 120] })).toMatch(/look like \(latitude, longitude\)/);
  });
});
