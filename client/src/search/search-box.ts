// Search by Chinese name, pinyin or code: an ARIA 1.2 combobox (input + listbox). Up/Down move the active
// option (aria-activedescendant), Enter chooses it, Escape closes the list (a second Escape clears the
// text), and the number of hits is announced through a polite live region.
import { searchUnits } from '../api.ts';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { searchable, type SearchHit } from '../data/unit-search.ts';
import { dt } from '../drill/strings.ts';
import { shortCode } from '../unit-details.ts';

const DEBOUNCE_MS = 180;

export interface SearchBox {
  setLocale(): void;
  /** Resolves when the latest typed query has its answer listed (for tests). */
  settled(): Promise<void>;
}

export function mountSearchBox(host: HTMLElement, i18n: I18n, onPick: (hit: SearchHit) => void): SearchBox {
  const T = (k: Parameters<typeof dt>[1], p?: Record<string, string | number>) => dt(i18n.locale, k, p);
  const label = h('label', { for: 'unit-search', class: 'visually-hidden', id: 'unit-search-label' });
  const input = h('input', {
    id: 'unit-search',
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'unit-search-list',
    'aria-describedby': 'unit-search-hint',
  });
  const list = h('ul', { id: 'unit-search-list', role: 'listbox', 'aria-labelledby': 'unit-search-label', hidden: true });
  const hint = h('span', { id: 'unit-search-hint', class: 'visually-hidden' });
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const root = h('div', { class: 'unit-search' }, label, input, list, hint, status);
  host.append(root);

  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let request: AbortController | null = null;
  let pending: Promise<void> = Promise.resolve();

  const name = (x: SearchHit) => (i18n.locale === 'en' && x.nameEn ? x.nameEn : x.nameZh);
  const open = (yes: boolean) => {
    list.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };
  function setActive(i: number): void {
    active = i;
    for (const [j, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(j === i));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `unit-search-opt-${i}`);
      list.children[i]?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }
  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.nameZh;
    open(false);
    onPick(hit);
  };
  const renderList = () => {
    list.replaceChildren(
      ...hits.map((x, i) =>
        h(
          'li',
          { id: `unit-search-opt-${i}`, role: 'option', 'aria-selected': 'false', 'data-code': x.code, onmousedown: (e: Event) => e.preventDefault(), onclick: () => choose(i) },
          h('span', { class: 'opt-name', lang: i18n.locale === 'en' && x.nameEn ? 'zh-Latn-pinyin' : 'zh-CN' }, name(x)),
          ' ',
          h('span', { class: 'opt-meta' }, `${i18n.t(`level.${x.level}`)} · ${shortCode(x.code, x.level)}`),
        ),
      ),
    );
    if (!hits.length) list.append(h('li', { class: 'opt-none', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, T('searchNone')));
    open(true);
    status.textContent = hits.length ? T('searchCount', { n: hits.length }) : T('searchNone');
  };

  const run = async (q: string) => {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    try {
      const found = await searchUnits(q, controller.signal);
      if (controller.signal.aborted) return;
      hits = found;
      active = -1;
      renderList();
    } catch (err) {
      if (controller.signal.aborted) return;
      console.warn(`[atlas] search: ${(err as Error).message}`);
      status.textContent = T('searchFailed');
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value;
    if (!searchable(q)) {
      request?.abort();
      hits = [];
      open(false);
      pending = Promise.resolve();
      return;
    }
    pending = new Promise((resolve) => {
      timer = setTimeout(() => void run(q).then(resolve), DEBOUNCE_MS);
    });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden && hits.length) open(true);
      if (!hits.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      // Handled here, so the page's Escape (close the panel) does not also fire.
      e.stopPropagation();
      if (!list.hidden) open(false);
      else input.value = '';
    }
  });
  input.addEventListener('blur', () => open(false));

  const setLocale = () => {
    label.textContent = T('searchLabel');
    input.placeholder = T('searchPlaceholder');
    hint.textContent = T('searchHint');
    list.setAttribute('aria-label', T('searchResults'));
    if (!list.hidden) renderList();
  };
  setLocale();
  return { setLocale, settled: () => pending };
}
