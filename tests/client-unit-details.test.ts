import { describe, expect, it } from 'vitest';
import { fullCode, parseUnitDetails, shortCode, ShapeError } from '../client/src/unit-details.ts';

// The shape GET /api/units/{code} answers with (see server/units/units-router.ts).
const answer = () => ({
  unit: {
    code: '330381000000',
    level: 'county',
    name_zh: '瑞安市',
    name_en: 'Ruì’ān Shì',
    geom_quality: 'surveyed',
    point_basis: 'seat',
    vintage: '2020',
    point: [120.655, 27.778],
    bbox: [120.2, 27.6, 121.0, 27.95],
    source: { id: 'datav', title: 'DataV.GeoAtlas', publisher: 'Alibaba DataV', url: 'https://datav.aliyun.com/', licence: 'none stated', original_crs: 'GCJ-02' },
  },
  geometry: null,
  ancestors: [
    { code: '330000000000', level: 'province', name_zh: '浙江省', name_en: 'Zhèjiāng Shěng' },
    { code: '330300000000', level: 'prefecture', name_zh: '温州市', name_en: null },
  ],
  children: [{ code: '330381001000', level: 'township', name_zh: '安阳街道', name_en: 'Ānyáng Jiēdào', geom_quality: 'approximate' }],
});

describe('parsing a unit answer for the panel', () => {
  it('keeps the breadcrumb in order from the province down', () => {
    const u = parseUnitDetails(answer());
    expect(u.ancestors.map((a) => a.nameZh)).toEqual(['浙江省', '温州市']);
    expect(u.ancestors[1]!.nameEn).toBeNull();
  });

  it('reads quality, point, box, source and children into typed fields', () => {
    const u = parseUnitDetails(answer());
    expect(u).toMatchObject({ code: '330381000000', level: 'county', quality: 'surveyed', pointBasis: 'seat', point: [120.655, 27.778] });
    expect(u.source).toEqual({ id: 'datav', title: 'DataV.GeoAtlas', publisher: 'Alibaba DataV', url: 'https://datav.aliyun.com/', licence: 'none stated', originalCrs: 'GCJ-02' });
    expect(u.children).toEqual([{ code: '330381001000', level: 'township', nameZh: '安阳街道', nameEn: 'Ānyáng Jiēdào', quality: 'approximate' }]);
  });

  it('drops a source link that is not http(s), so data cannot plant a javascript: link', () => {
    const a = answer();
    a.unit.source.url = 'javascript:alert(1)';
    expect(parseUnitDetails(a).source!.url).toBeNull();
  });

  it('rejects an unknown level or quality with a message naming the field', () => {
    const a = answer() as { unit: Record<string, unknown> };
    a.unit.geom_quality = 'excellent';
    expect(() => parseUnitDetails(a)).toThrow(/unit\.geom_quality/);
    const b = answer() as { ancestors: Record<string, unknown>[] };
    b.ancestors[0]!.level = 'empire';
    expect(() => parseUnitDetails(b)).toThrow(ShapeError);
  });

  it('treats a missing point or box as absent, not as zeros', () => {
    const a = answer() as { unit: Record<string, unknown> };
    a.unit.point = null;
    a.unit.bbox = [1, 2, 3];
    const u = parseUnitDetails(a);
    expect(u.point).toBeNull();
    expect(u.bbox).toBeNull();
  });
});

describe('unit codes', () => {
  it('pads 6- and 9-digit codes to the 12-digit key and accepts numeric tile ids', () => {
    expect(fullCode('330383')).toBe('330383000000');
    expect(fullCode('330381001')).toBe('330381001000');
    expect(fullCode(330383000000)).toBe('330383000000');
  });

  it('refuses anything that is not a 6-, 9- or 12-digit code', () => {
    for (const bad of ['', '3303', '33038300000x', ' ', '1234567', null, undefined, 3.5]) expect(() => fullCode(bad), String(bad)).toThrow(ShapeError);
  });

  it('shows the short form people use for each level', () => {
    expect(shortCode('330383000000', 'county')).toBe('330383');
    expect(shortCode('330381001000', 'township')).toBe('330381001');
    expect(shortCode('330300000000', 'prefecture')).toBe('3303');
  });
});
