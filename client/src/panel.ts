// The unit panel: what a click selected, where its data came from, and how it sits in the hierarchy.
// It is a labelled, focusable region; Escape closes it (wired in main.ts) and its breadcrumb and child
// lists are buttons, so the whole hierarchy can be walked with a keyboard.
import { h } from './dom.ts';
import type { I18n } from './i18n.ts';
import { shortCode, type UnitDetails, type UnitSummary } from './unit-details.ts';

export type PanelState =
  | { status: 'closed' }
  | { status: 'loading'; code: string }
  | { status: 'ready'; unit: UnitDetails }
  | { status: 'error'; code: string };

export interface PanelHandlers {
  close(): void;
  /** Navigate to another unit (an ancestor or a child), moving the camera to it. */
  go(code: string): void;
  /** Fills the data sections (indicators, balance, partners, chart) of a unit into their slot. */
  profile?(slot: HTMLElement, unit: UnitDetails): void;
}

export function renderPanel(root: HTMLElement, state: PanelState, i18n: I18n, on: PanelHandlers): void {
  root.replaceChildren();
  root.hidden = state.status === 'closed';
  root.setAttribute('aria-busy', String(state.status === 'loading'));
  if (state.status === 'closed') return;

  root.append(
    h('button', { type: 'button', class: 'panel-close', 'aria-label': i18n.t('closeLabel'), title: i18n.t('close'), onclick: () => on.close() }, '×'),
  );
  if (state.status === 'loading') {
    root.append(h('p', { class: 'panel-status', id: 'panel-title' }, i18n.t('loading')));
    return;
  }
  if (state.status === 'error') {
    root.append(h('p', { class: 'panel-status', id: 'panel-title', role: 'alert' }, i18n.t('loadFailed'), ' ', state.code));
    return;
  }

  const u = state.unit;
  root.append(
    breadcrumb(u, i18n, on),
    h(
      'h2',
      { id: 'panel-title', class: 'panel-title' },
      h('span', { class: 'name-zh', lang: 'zh-CN' }, u.nameZh),
      u.nameEn ? h('span', { class: 'name-en', lang: 'zh-Latn-pinyin' }, u.nameEn) : null,
    ),
  );

  const approximate = u.quality === 'approximate';
  const facts = h(
    'dl',
    { class: 'facts' },
    ...fact(i18n.t('code'), h('span', { class: 'code' }, shortCode(u.code, u.level)), u.code !== shortCode(u.code, u.level) ? h('span', { class: 'code-full' }, ` (${u.code})`) : null),
    ...fact(i18n.t('level'), i18n.t(`level.${u.level}`)),
    ...fact(
      i18n.t('quality'),
      h('span', { class: `quality quality-${u.quality}` }, i18n.t(`quality.${u.quality}`)),
      approximate ? h('span', { class: 'badge badge-approximate', role: 'note' }, i18n.t('approximateBadge')) : null,
    ),
    ...(u.pointBasis ? fact(i18n.t('point'), i18n.t(`pointBasis.${u.pointBasis}`)) : []),
    ...(u.vintage ? fact(i18n.t('vintage'), u.vintage) : []),
  );
  root.append(facts);
  if (approximate) root.append(h('p', { class: 'note note-approximate' }, i18n.t('approximateNote')));
  if (u.quality === 'none') root.append(h('p', { class: 'note' }, i18n.t('noGeometryNote')));

  if (u.source) {
    const s = u.source;
    root.append(
      h(
        'section',
        { class: 'source', 'aria-labelledby': 'panel-source-title' },
        h('h3', { id: 'panel-source-title' }, i18n.t('source')),
        h('p', { class: 'source-title' }, s.title),
        h(
          'dl',
          { class: 'facts' },
          ...fact(i18n.t('publisher'), s.publisher),
          ...fact(i18n.t('licence'), s.licence),
          ...(s.originalCrs ? fact(i18n.t('originalCrs'), s.originalCrs) : []),
        ),
        s.url ? h('a', { class: 'source-link', href: s.url, target: '_blank', rel: 'noopener noreferrer' }, i18n.t('link')) : null,
      ),
    );
  }

  if (on.profile) {
    const slot = h('div', { class: 'unit-profile' });
    root.append(slot);
    on.profile(slot, u);
  }

  if (u.children.length) {
    root.append(
      h(
        'details',
        { class: 'children' },
        h('summary', {}, `${i18n.t('children')} · ${i18n.t('childrenCount', { n: u.children.length })}`),
        h('ul', {}, ...u.children.map((c) => h('li', {}, unitButton(c, i18n, on)))),
      ),
    );
  }
}

function fact(term: string, ...value: (Node | string | null)[]): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function unitButton(u: UnitSummary, i18n: I18n, on: PanelHandlers): HTMLButtonElement {
  const name = i18n.locale === 'en' && u.nameEn ? u.nameEn : u.nameZh;
  return h('button', { type: 'button', class: 'link-button', 'data-code': u.code, onclick: () => on.go(u.code) }, name);
}

function breadcrumb(u: UnitDetails, i18n: I18n, on: PanelHandlers): HTMLElement {
  const items: HTMLElement[] = [];
  for (const a of u.ancestors) {
    items.push(h('li', {}, unitButton(a, i18n, on)), h('li', { class: 'sep', 'aria-hidden': 'true' }, '›'));
  }
  const here = i18n.locale === 'en' && u.nameEn ? u.nameEn : u.nameZh;
  items.push(h('li', { 'aria-current': 'page' }, here));
  return h('nav', { class: 'breadcrumb', 'aria-label': i18n.t('breadcrumb') }, h('ol', {}, ...items));
}
