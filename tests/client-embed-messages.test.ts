import { describe, expect, it } from 'vitest';
import { embedUrl, fullMapUrl, iframeSnippet, isEmbedPath } from '../client/src/data/embed-link.ts';
import { drillOf, eventTargets, originAllowed, parseHostMessage, parseOriginPolicy, viewOf } from '../client/src/data/embed-messages.ts';

describe('host messages to the embed', () => {
  it('accepts a view by centre and zoom, or by unit code', () => {
    expect(parseHostMessage({ type: 'atlas:setView', center: [119.72, 27.56], zoom: 9 })).toEqual({ ok: true, message: { type: 'atlas:setView', center: [119.72, 27.56], zoom: 9 } });
    expect(parseHostMessage({ type: 'atlas:setView', unit: '330329' })).toEqual({ ok: true, message: { type: 'atlas:setView', unit: '330329' } });
    expect(parseHostMessage({ type: 'atlas:setView', zoom: 4 })).toMatchObject({ ok: true });
  });

  it('rejects a view out of range, empty, or mixing a unit with a centre, with a reason', () => {
    for (const bad of [
      { type: 'atlas:setView', center: [200, 27] },
      { type: 'atlas:setView', center: [120, '27'] },
      { type: 'atlas:setView', center: [120] },
      { type: 'atlas:setView', zoom: 40 },
      { type: 'atlas:setView', zoom: Number.NaN },
      { type: 'atlas:setView' },
      { type: 'atlas:setView', unit: '330329', zoom: 8 },
      { type: 'atlas:setView', unit: "330329' OR 1=1" },
    ]) {
      const r = parseHostMessage(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect((r as { reason: string }).reason.length).toBeGreaterThan(5);
    }
  });

  it('accepts filters on factors, basis, minimum magnitude and alliances, without duplicates', () => {
    const r = parseHostMessage({ type: 'atlas:setFilters', filters: { factors: ['land', 'land', 'labour'], bases: ['observed'], minMagnitude: 250, alliances: false } });
    expect(r).toEqual({ ok: true, message: { type: 'atlas:setFilters', filters: { factors: ['land', 'labour'], bases: ['observed'], minMagnitude: 250, alliances: false } } });
  });

  it('rejects unknown filters, unknown bases and negative magnitudes', () => {
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: { colour: 'red' } })).toMatchObject({ ok: false, reason: expect.stringContaining('colour') });
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: { bases: ['guessed'] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: { minMagnitude: -1 } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: { factors: 'land' } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: { factors: ['<script>'] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'atlas:setFilters', filters: null }).ok).toBe(false);
  });

  it('accepts selecting a unit by code and clearing the selection with null', () => {
    expect(parseHostMessage({ type: 'atlas:select', unit: '330329000000' })).toEqual({ ok: true, message: { type: 'atlas:select', unit: '330329000000' } });
    expect(parseHostMessage({ type: 'atlas:select', unit: null })).toEqual({ ok: true, message: { type: 'atlas:select', unit: null } });
    expect(parseHostMessage({ type: 'atlas:select', unit: 'taishun' }).ok).toBe(false);
    expect(parseHostMessage({ type: 'atlas:select' }).ok).toBe(false);
  });

  it('accepts setting the drill scope by code and going back to the top with null, and rejects anything else', () => {
    expect(parseHostMessage({ type: 'atlas:setDrill', unit: '330329' })).toEqual({ ok: true, message: { type: 'atlas:setDrill', unit: '330329' } });
    expect(parseHostMessage({ type: 'atlas:setDrill', unit: null })).toEqual({ ok: true, message: { type: 'atlas:setDrill', unit: null } });
    for (const unit of ['泰顺', 330329, '3303', undefined, ['330329']]) {
      const got = parseHostMessage({ type: 'atlas:setDrill', unit });
      expect(got.ok, String(unit)).toBe(false);
      if (got.ok === false) expect(got.reason).toBe('unit must be a 6-, 9- or 12-digit code, or null for the top');
    }
  });

  it('describes the drill scope for events: the unit (names, level) or null, and the level shown', () => {
    expect(drillOf(null, 'county')).toEqual({ unit: null, level: 'county' });
    expect(drillOf({ code: '330329000000', nameZh: '泰顺县', nameEn: 'Taishun', level: 'county', extra: 1 } as never, 'township')).toEqual({
      unit: { code: '330329000000', nameZh: '泰顺县', nameEn: 'Taishun', level: 'county' },
      level: 'township',
    });
  });

  it('names an unknown atlas: type as malformed, and leaves other messages alone as foreign', () => {
    expect(parseHostMessage({ type: 'atlas:explode' })).toMatchObject({ ok: false, reason: expect.stringContaining('atlas:explode') });
    for (const foreign of [null, undefined, 'atlas:setView', 42, [], { type: 'webpackOk' }, { type: 7 }, { hello: 'world' }]) {
      expect(parseHostMessage(foreign)).toEqual({ ok: 'foreign' });
    }
  });

  it('never throws, whatever a host posts', () => {
    const hostile: unknown[] = [
      { type: 'atlas:setView', get center() { return [1, 2]; } },
      Object.create(null),
      { type: 'atlas:setFilters', filters: { factors: [{}], bases: [null] } },
      { type: 'atlas:setView', center: [Infinity, 0] },
      { type: 'atlas:'.padEnd(10_000, 'x') },
    ];
    for (const m of hostile) expect(() => parseHostMessage(m)).not.toThrow();
  });
});

describe('the origin allow-list', () => {
  it('lets any origin talk when the embed URL names none, and posts events to *', () => {
    const p = parseOriginPolicy('?lang=en');
    expect(originAllowed(p, 'https://news.example')).toBe(true);
    expect(eventTargets(p)).toEqual(['*']);
    expect(parseOriginPolicy('?origins=*')).toEqual({ any: true });
  });

  it('lets only the listed origins talk, and posts events to each of them only', () => {
    const p = parseOriginPolicy('?origins=https://a.example,http://127.0.0.1:8081');
    expect(originAllowed(p, 'https://a.example')).toBe(true);
    expect(originAllowed(p, 'http://127.0.0.1:8081')).toBe(true);
    expect(originAllowed(p, 'https://b.example')).toBe(false);
    expect(originAllowed(p, 'null')).toBe(false);
    expect(eventTargets(p)).toEqual(['https://a.example', 'http://127.0.0.1:8081']);
  });

  it('allows nobody when every listed entry is malformed, rather than everybody', () => {
    const p = parseOriginPolicy('?origins=javascript:alert(1),a.example,https://a.example/path');
    expect(p).toEqual({ any: false, origins: new Set() });
    expect(originAllowed(p, 'https://a.example')).toBe(false);
    expect(eventTargets(p)).toEqual([]);
  });
});

describe('view events', () => {
  it('round the camera to about a metre and a hundredth of a zoom level', () => {
    expect(viewOf({ lng: 119.7212345678, lat: 27.5598765 }, 9.123456, [119.1111111, 27.2222222, 120.3333333, 27.9999999])).toEqual({
      center: [119.72123, 27.55988],
      zoom: 9.12,
      bounds: [119.11111, 27.22222, 120.33333, 28],
    });
  });
});

describe('links between the full map and the embed', () => {
  const at = { origin: 'http://127.0.0.1:8080', search: '?lang=en&debug=1', hash: '#view=9/27.56/119.72&factors=land' };

  it('keep the camera and filters in the hash and the language in the query', () => {
    expect(embedUrl(at)).toBe('http://127.0.0.1:8080/embed?lang=en#view=9/27.56/119.72&factors=land');
    expect(fullMapUrl({ ...at, search: '?lang=en&origins=https://a.example' })).toBe('http://127.0.0.1:8080/?lang=en#view=9/27.56/119.72&factors=land');
    expect(embedUrl({ ...at, search: '' })).toBe('http://127.0.0.1:8080/embed#view=9/27.56/119.72&factors=land');
    expect(embedUrl({ ...at, search: '' }, { lang: 'en' })).toBe('http://127.0.0.1:8080/embed?lang=en#view=9/27.56/119.72&factors=land');
  });

  it('recognise the embed path with or without a trailing slash', () => {
    expect(isEmbedPath('/embed')).toBe(true);
    expect(isEmbedPath('/embed/')).toBe(true);
    expect(isEmbedPath('/')).toBe(false);
    expect(isEmbedPath('/embedded')).toBe(false);
  });

  it('make an iframe snippet whose attributes cannot be broken out of', () => {
    const s = iframeSnippet('http://x/embed#a="b"&c=<d>', '城乡图谱 "map"');
    expect(s).toBe('<iframe src="http://x/embed#a=&quot;b&quot;&amp;c=&lt;d&gt;" title="城乡图谱 &quot;map&quot;" width="100%" height="480" style="border:0" loading="lazy" allow="fullscreen"></iframe>');
  });
});
