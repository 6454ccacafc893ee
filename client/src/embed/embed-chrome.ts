// What an embedded map shows besides the map: no top bar, a button that shows the legend and the filters
// with their sources, a language switch (zh / en), and a link to the full map at the same view. Cooperative gestures keep the host
// page scrollable: a wheel or one-finger drag scrolls the page, Ctrl/⌘ + wheel or two fingers move the map.
import { h } from '../dom.ts';
import { fullMapUrl } from '../data/embed-link.ts';
import type { AtlasHook } from '../main.ts';
import { shareText, type ShareKey } from '../share/strings.ts';

const OPEN_CLASS = 'embed-legend-open';

export function mountEmbedChrome(hook: AtlasHook, stage: HTMLElement): void {
  const { map } = hook;
  const t = (key: ShareKey) => shareText(hook.locale, key);
  // MapLibre writes the gesture hint once, when the handler is enabled, from its UI string table: patch
  // the table in the page language and re-enable on a language switch.
  const gestures = () => {
    map.cooperativeGestures.disable();
    map._locale = {
      ...map._locale,
      'CooperativeGesturesHandler.WindowsHelpText': t('gestureWindows'),
      'CooperativeGesturesHandler.MacHelpText': t('gestureMac'),
      'CooperativeGesturesHandler.MobileHelpText': t('gestureMobile'),
    };
    map.cooperativeGestures.enable();
  };
  gestures();
  const root = document.documentElement;

  const toggle = h('button', { type: 'button', class: 'embed-toggle', 'aria-expanded': 'false', 'aria-controls': 'legend flows-panel' });
  const link = h('a', { class: 'embed-open-full', target: '_blank', rel: 'noopener', href: fullMapUrl(location) });
  // MapLibre rewrites the hash with replaceState (no event), so the link is refreshed when it matters.
  const refresh = () => link.setAttribute('href', fullMapUrl(location));
  map.on('moveend', refresh);
  link.addEventListener('pointerdown', refresh);
  link.addEventListener('focus', refresh);
  link.addEventListener('click', refresh);

  // The full map's language button sits in the top bar, which the embed leaves out: this is its own.
  const lang = h('button', { type: 'button', class: 'embed-lang', id: 'embed-lang' });
  lang.addEventListener('click', () => hook.setLocale(hook.locale === 'en' ? 'zh-CN' : 'en'));

  const label = () => {
    lang.textContent = t('embedLanguage');
    lang.lang = hook.locale === 'en' ? 'zh-CN' : 'en';
    lang.setAttribute('aria-label', t('embedLanguageLabel'));
    const open = root.classList.contains(OPEN_CLASS);
    toggle.textContent = open ? t('embedLegendHide') : t('embedLegendShow');
    toggle.setAttribute('aria-expanded', String(open));
    link.textContent = `${t('embedOpenFull')} ↗`;
  };
  toggle.addEventListener('click', () => {
    root.classList.toggle(OPEN_CLASS);
    label();
  });
  hook.onLocale(() => (gestures(), label()));
  label();
  stage.append(h('nav', { class: 'embed-bar', 'aria-label': 'Chengxiang Atlas' }, toggle, lang, link));
}
