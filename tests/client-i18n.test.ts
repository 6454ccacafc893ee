import { describe, expect, it } from 'vitest';
import { createI18n, pickLocale, translate } from '../client/src/i18n.ts';

describe('page language', () => {
  it('is Chinese unless the URL or a stored choice says English', () => {
    expect(pickLocale('', null)).toBe('zh-CN');
    expect(pickLocale('?lang=en', null)).toBe('en');
    expect(pickLocale('', 'en')).toBe('en');
    expect(pickLocale('?lang=zh', 'en')).toBe('zh-CN');
    expect(pickLocale('?lang=fr', 'xx')).toBe('zh-CN');
  });

  it('fills parameters and tells listeners when the language changes', () => {
    const i18n = createI18n('zh-CN');
    const seen: string[] = [];
    i18n.onChange((l) => seen.push(l));
    expect(i18n.t('selected', { name: '泰顺县' })).toBe('已选中：泰顺县');
    i18n.set('en');
    i18n.set('en');
    expect(seen).toEqual(['en']);
    expect(i18n.t('approximateBadge')).toBe('approximate');
  });

  it('says approximate in both languages where approximate areas are explained', () => {
    expect(translate('zh-CN', 'approximateBadge')).toBe('近似');
    expect(translate('en', 'approximateBadge')).toBe('approximate');
    expect(translate('en', 'quality.approximate')).toMatch(/approximate/);
  });
});
