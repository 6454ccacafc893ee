import { describe, expect, it } from 'vitest';
import type { CpUnit } from '../client/src/data/core-periphery.ts';
import { coreCandidates, coreHashFields, corePeripheryUrl, coreRuleFromHash, countyOf, normaliseCore, shortCode, toggleCore } from '../client/src/data/core-rule.ts';
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

  it('leaves other keys of the hash alone and removes the list when the view is off', () => {
    expect(writeViewHash('#factors=land&corelist=330302', { ...DEFAULT_VIEW, ...coreHashFields(null) })).toBe('#factors=land');
  });
});
