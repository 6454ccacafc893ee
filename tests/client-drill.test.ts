import { describe, expect, it } from 'vitest';
import { crumbsFor, flowScopeFor, isDrillable, parentFilter, scopeForCrumb, scopeForUnit, shownLevel } from '../client/src/data/drill.ts';
import type { UnitSummary } from '../client/src/unit-details.ts';

const u = (code: string, level: UnitSummary['level'], nameZh: string): UnitSummary => ({ code, level, nameZh, nameEn: null });
const zhejiang = u('330000000000', 'province', '浙江省');
const wenzhou = u('330300000000', 'prefecture', '温州市');
const taishun = u('330329000000', 'county', '泰顺县');
const luoyang = u('330329100000', 'township', '罗阳镇');
const village = u('330329100201', 'village', '某村');

describe('the drill-down hierarchy', () => {
  it('shows counties at the top and above counties, then the children of the scope', () => {
    expect(shownLevel(null)).toBe('county');
    expect(shownLevel(zhejiang)).toBe('county');
    expect(shownLevel(wenzhou)).toBe('county');
    expect(shownLevel(taishun)).toBe('township');
    expect(shownLevel(luoyang)).toBe('village');
  });

  it('re-aggregates flows to the level shown, touching the scope once drilled into a county or township', () => {
    expect(flowScopeFor(null)).toEqual({ level: 'county', within: null });
    expect(flowScopeFor(wenzhou)).toEqual({ level: 'county', within: null });
    expect(flowScopeFor(taishun)).toEqual({ level: 'township', within: '330329000000' });
    expect(flowScopeFor(luoyang)).toEqual({ level: 'village', within: '330329100000' });
  });

  it('drills into a clicked county or township; a village shows inside its township; a prefecture is the top', () => {
    expect(isDrillable('county') && isDrillable('township') && !isDrillable('village')).toBe(true);
    expect(scopeForUnit(taishun, [zhejiang, wenzhou])).toBe(taishun);
    expect(scopeForUnit(luoyang, [zhejiang, wenzhou, taishun])).toBe(luoyang);
    expect(scopeForUnit(village, [zhejiang, wenzhou, taishun, luoyang])).toBe(luoyang);
    expect(scopeForUnit(village, [zhejiang, wenzhou, taishun])).toBe(taishun);
    expect(scopeForUnit(wenzhou, [zhejiang])).toBeNull();
  });

  it('builds the breadcrumb 全部 › 省 › 市 › 县 › 乡 with the scope last and current', () => {
    const crumbs = crumbsFor(luoyang, [zhejiang, wenzhou, taishun]);
    expect(crumbs.map((c) => c.unit?.nameZh ?? '全部')).toEqual(['全部', '浙江省', '温州市', '泰顺县', '罗阳镇']);
    expect(crumbs.map((c) => c.current)).toEqual([false, false, false, false, true]);
    expect(crumbsFor(null, [])).toEqual([{ unit: null, current: true }]);
    // An ancestor list that wrongly holds the scope's own level or finer never shows twice.
    expect(crumbsFor(taishun, [zhejiang, wenzhou, luoyang]).map((c) => c.unit?.code ?? null)).toEqual([null, zhejiang.code, wenzhou.code, taishun.code]);
  });

  it('steps up: a county or township crumb stays drilled, a prefecture or province or 全部 returns to the top', () => {
    expect(scopeForCrumb(taishun)).toBe(taishun);
    expect(scopeForCrumb(wenzhou)).toBeNull();
    expect(scopeForCrumb(zhejiang)).toBeNull();
    expect(scopeForCrumb(null)).toBeNull();
  });

  it('filters tiles by parent code whether the tiles carry it as text or as a number', () => {
    expect(parentFilter('330329000000')).toEqual(['==', ['to-string', ['get', 'parent_code']], '330329000000']);
  });
});
