import { describe, expect, it } from 'vitest';
import type { CpUnit } from '../client/src/data/core-periphery.ts';
import { canGroupByThreshold, coreAt, coreBaseForDrill, coreCandidates, coreHashFields, corePeripheryUrl, coreRuleFromHash, countyOf, inBase, normaliseCore, shortCode, toggleCore, unitForSelection, unitsIn, type CoreBase } from '../client/src/data/core-rule.ts';
import { crossingKey, parseCrossing } from '../client/src/core-periphery/crossing.ts';
import { readViewHash as readDrillHash } from '../client/src/data/view-url-state.ts';
import { DEFAULT_VIEW, readViewHash, writeViewHash } from '../client/src/data/url-scope.ts';

const known = { mechanisms: ['land_linkage'], integrationTypes: [], benefitLinkages: [] };
const unit = (code: string, nameZh: string, nameEn: string): CpUnit => ({ code, nameZh, nameEn, group: 'periphery', urbanisation: null, year: null });
const units = [unit('330329000000', '泰顺县', 'Tàishùn Xiàn'), unit('330302000000', '鹿城区', 'Lùchéng Qū'), unit('330304000000', '瓯海区', 'Ōuhǎi Qū'), unit('330382000000', '乐清市', 'Yuèqīng Shì')];

describe('the core/periphery rule', () => {
  it('asks the API by threshold, or by the list of core units with short codes; an empty list asks nothing', () => {
    expect(corePeripheryUrl({ rule: 'urbanisation', threshold: 70 }, '')).toBe('/api/balance/core-periphery?level=county&threshold=70');
    expect(corePeripheryUrl({ rule: 'list', core: ['330302000000', '330304000000'] }, 'from=2021')).toBe('/api/balance/core-periphery?level=county&rule=list&core=330302,330304&from=2021');
    expect(corePeripheryUrl({ rule: 'list', core: [] }, '')).toBeNull();
  });

  it('keeps a list of valid, distinct 12-digit codes in a stable order, and toggles units in and out', () => {
    expect(normaliseCore(['330304', '330302000000', '330302', 'abc', '3303021', '330329100'])).toEqual(['330302000000', '330304000000', '330329100000']);
    expect(normaliseCore(Array.from({ length: 500 }, (_, i) => String(330000 + i)))).toHaveLength(200);
    expect(toggleCore(['330302000000'], '330304', true)).toEqual(['330302000000', '330304000000']);
    expect(toggleCore(['330302000000', '330304000000'], '330302000000', false)).toEqual(['330304000000']);
    expect(shortCode('330302000000')).toBe('330302');
    expect(shortCode('330329100000')).toBe('330329100');
    expect(countyOf('330329100000')).toBe('330329000000');
  });

  it('filters candidates by Chinese name, pinyin without tones or code prefix, chosen units first', () => {
    expect(coreCandidates(units, [], '鹿城').map((u) => u.code)).toEqual(['330302000000']);
    expect(coreCandidates(units, [], 'ouhai').map((u) => u.code)).toEqual(['330304000000']);
    expect(coreCandidates(units, [], '33038').map((u) => u.code)).toEqual(['330382000000']);
    expect(coreCandidates(units, ['330382000000'], '').map((u) => u.code)).toEqual(['330382000000', '330302000000', '330304000000', '330329000000']);
    expect(coreCandidates(units, [], 'nowhere')).toEqual([]);
    // A chosen unit the flows do not touch stays listed (under its code), so it can be unticked.
    expect(coreCandidates(units, ['330327000000'], '').map((u) => [u.code, u.nameZh])[0]).toEqual(['330327000000', '330327']);
  });
});

describe('the core/periphery rule at the level shown', () => {
  const taishun: CoreBase = { level: 'township', within: '330329000000' };
  const luoyang: CoreBase = { level: 'village', within: '330329100000' };
  const townships = [unit('330329100000', '罗阳镇', 'Luóyáng Zhèn'), unit('330329101000', '司前畲族镇', 'Sīqián'), unit('330329102000', '百丈镇', 'Bǎizhàng Zhèn'), unit('330302001000', '五马街道', 'Wǔmǎ')];

  it('groups counties at the top, a county’s townships inside it and a township’s villages inside that, as the drill-down shows them', () => {
    expect(coreBaseForDrill(null)).toEqual({ level: 'county', within: null });
    expect(coreBaseForDrill('330329000000')).toEqual(taishun);
    expect(coreBaseForDrill('330329100000')).toEqual(luoyang);
    // A village is shown inside its township; a prefecture or province is the top.
    expect(coreBaseForDrill('330329100201')).toEqual(luoyang);
    expect(coreBaseForDrill('330300000000')).toEqual({ level: 'county', within: null });
    expect(coreBaseForDrill('330000000000')).toEqual({ level: 'county', within: null });
  });

  it('reads the base from the drill scope a shared link carries', () => {
    expect(coreBaseForDrill(readDrillHash('#view=10/27.5/119.8&drill=330329&corelist=330329100,330329101').drill)).toEqual(taishun);
    expect(coreBaseForDrill(readDrillHash('#drill=abc&corelist=330302').drill)).toEqual({ level: 'county', within: null });
  });

  it('asks at the level shown, scoped to the unit drilled into, with only the chosen units of that level inside it', () => {
    const core = normaliseCore(['330302', '330304', '330329100', '330329101', '330302001', '330329100201']);
    expect(corePeripheryUrl({ rule: 'list', core }, '', taishun)).toBe('/api/balance/core-periphery?level=township&unit=330329&rule=list&core=330329100,330329101');
    expect(corePeripheryUrl({ rule: 'list', core }, 'from=2021')).toBe('/api/balance/core-periphery?level=county&rule=list&core=330302,330304&from=2021');
    expect(corePeripheryUrl({ rule: 'list', core }, '', luoyang)).toBe('/api/balance/core-periphery?level=village&unit=330329100&rule=list&core=330329100201');
    expect(corePeripheryUrl({ rule: 'urbanisation', threshold: 70 }, 'factor=labour', taishun)).toBe('/api/balance/core-periphery?level=township&unit=330329&threshold=70&factor=labour');
    // Counties chosen at the top are kept in the list but ask nothing inside 泰顺.
    expect(corePeripheryUrl({ rule: 'list', core: ['330302000000', '330304000000'] }, '', taishun)).toBeNull();
    expect(coreAt(core, { level: 'township', within: '330302000000' })).toEqual(['330302001000']);
  });

  it('keeps only the units of the level inside the scope', () => {
    expect(unitsIn(townships, taishun).map((u) => u.code)).toEqual(['330329100000', '330329101000', '330329102000']);
    expect(inBase('330329000000', taishun)).toBe(false);
    expect(inBase('330329100000', { level: 'county', within: null })).toBe(false);
  });

  it('adds the unit of the level shown that a selection belongs to, never a coarser or outside one', () => {
    expect(unitForSelection('330329100201', taishun)).toBe('330329100000');
    expect(unitForSelection('330329101', taishun)).toBe('330329101000');
    expect(unitForSelection('330329', taishun)).toBeNull();
    expect(unitForSelection('330302001000', taishun)).toBeNull();
    expect(unitForSelection('330329100', { level: 'county', within: null })).toBe('330329000000');
    expect(unitForSelection('330300', { level: 'county', within: null })).toBeNull();
    expect(unitForSelection('330329100201', luoyang)).toBe('330329100201');
  });

  it('cannot group by threshold where no unit of the level has an urbanisation figure (townships have none)', () => {
    expect(canGroupByThreshold(townships, taishun)).toBe(false);
    const withRate = [...townships.slice(0, 3), { ...townships[3]!, urbanisation: 80, year: 2023 }];
    // A figure outside the scope does not group 泰顺's townships.
    expect(canGroupByThreshold(withRate, taishun)).toBe(false);
    expect(canGroupByThreshold([{ ...townships[0]!, urbanisation: 55, year: 2023 }], taishun)).toBe(true);
  });
});

describe('the flows across the edge of a scoped answer', () => {
  const total = (over: Record<string, unknown>) => ({ factor: 'labour', basis: 'observed', unit: 'persons', core_to_periphery: 10, periphery_to_core: 4, counts: { core_to_outside: 1, outside_to_core: 2, periphery_to_outside: 0, outside_to_periphery: 3 }, ...over });

  it('reads each way per factor, basis and unit, figures for measured flows and counts for documented ones', () => {
    const body = {
      scope: { code: '330329000000' },
      totals: [
        total({ core_to_outside: 20, outside_to_core: 7, periphery_to_outside: 0, outside_to_periphery: 2 }),
        total({ factor: 'capital', basis: 'documented', unit: null, core_to_outside: null, counts: { core_to_outside: 1 } }),
      ],
    };
    const c = parseCrossing(body)!;
    expect(c.get(crossingKey('labour', 'observed', 'persons'))).toEqual({
      sums: { coreToOutside: 20, outsideToCore: 7, peripheryToOutside: 0, outsideToPeriphery: 2 },
      counts: { coreToOutside: 1, outsideToCore: 2, peripheryToOutside: 0, outsideToPeriphery: 3 },
    });
    expect(c.get(crossingKey('capital', 'documented', null))).toEqual({
      sums: { coreToOutside: null, outsideToCore: null, peripheryToOutside: null, outsideToPeriphery: null },
      counts: { coreToOutside: 1, outsideToCore: 0, peripheryToOutside: 0, outsideToPeriphery: 0 },
    });
  });

  it('has nothing to show for an unscoped answer', () => {
    expect(parseCrossing({ totals: [total({})] })).toBeNull();
    expect(parseCrossing('not an answer')).toBeNull();
  });
});

describe('the core/periphery rule in the URL', () => {
  it('round-trips a threshold and a list (short codes in the link, read back as 12 digits)', () => {
    const list = writeViewHash('#view=9/27.9/120.3', { ...DEFAULT_VIEW, ...coreHashFields({ rule: 'list', core: ['330302000000', '330304000000'] }) });
    expect(list).toBe('#view=9/27.9/120.3&corelist=330302,330304');
    expect(coreRuleFromHash(readViewHash(list, known))).toEqual({ rule: 'list', core: ['330302000000', '330304000000'] });
    const threshold = writeViewHash('', { ...DEFAULT_VIEW, ...coreHashFields({ rule: 'urbanisation', threshold: 62.5 }) });
    expect(threshold).toBe('#core=62.5');
    expect(coreRuleFromHash(readViewHash(threshold, known))).toEqual({ rule: 'urbanisation', threshold: 62.5 });
    expect(coreRuleFromHash(readViewHash('#view=9/27.9/120.3', known))).toBeNull();
  });

  it('keeps the list rule with nothing chosen yet, and drops hostile codes from a hand-edited link', () => {
    expect(writeViewHash('', { ...DEFAULT_VIEW, ...coreHashFields({ rule: 'list', core: [] }) })).toBe('#corelist=');
    expect(coreRuleFromHash(readViewHash('#corelist=', known))).toEqual({ rule: 'list', core: [] });
    expect(coreRuleFromHash(readViewHash('#corelist=330302,<script>,99,330302&core=70', known))).toEqual({ rule: 'list', core: ['330302000000'] });
  });

  it('keeps counties and townships chosen at different levels in one list', () => {
    const hash = writeViewHash('', { ...DEFAULT_VIEW, ...coreHashFields({ rule: 'list', core: normaliseCore(['330329101', '330302', '330329100']) }) });
    expect(hash).toBe('#corelist=330302,330329100,330329101');
    expect(coreRuleFromHash(readViewHash(hash, known))).toEqual({ rule: 'list', core: ['330302000000', '330329100000', '330329101000'] });
  });

  it('leaves other keys of the hash alone and removes the list when the view is off', () => {
    expect(writeViewHash('#factors=land&corelist=330302', { ...DEFAULT_VIEW, ...coreHashFields(null) })).toBe('#factors=land');
  });
});
