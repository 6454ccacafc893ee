// The core-unit list of the core/periphery view (the API's rule=list): a filter box, one native checkbox
// per unit of the level shown that the flows touch (keyboard and screen readers for free), and a button
// that adds the unit selected on the map. It only reports changes; core-view.ts owns the rule and requests.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import type { CpUnit } from '../data/core-periphery.ts';
import { coreAt, coreCandidates, shortCode, TOP_BASE, unitForSelection, type CoreBase } from '../data/core-rule.ts';
import { ct } from './strings.ts';

/** Most checkboxes listed at once; the filter box narrows the rest. */
const MAX_LISTED = 60;

export interface CoreList {
  element: HTMLElement;
  /**
   * Redraw with the candidates (units of the base), the whole chosen list (every level: the base's own are
   * shown, the others are kept) and the selection now.
   */
  update(candidates: readonly CpUnit[] | null, core: readonly string[], selection: string | null, base: CoreBase): void;
}

export function createCoreList(i18n: I18n, onChange: (core: string[], code: string, on: boolean) => void): CoreList {
  let units: readonly CpUnit[] | null = null;
  let chosen: readonly string[] = [];
  let selected: string | null = null;
  let base = TOP_BASE;
  const level = () => ct(i18n, `level${base.level}`);
  const name = (u: CpUnit) => (i18n.locale === 'en' && u.nameEn ? u.nameEn : u.nameZh);

  const filter = h('input', { type: 'search', id: 'core-list-filter', autocomplete: 'off', placeholder: ct(i18n, 'listFilterHint'), oninput: () => renderOptions() });
  const options = h('ul', { class: 'flow-checks core-list-options', id: 'core-list-options', 'aria-labelledby': 'core-list-label' });
  const count = h('p', { class: 'flow-note', id: 'core-list-count', 'aria-live': 'polite' });
  const add = h('button', { type: 'button', id: 'core-add-selection', class: 'core-add' });
  add.addEventListener('click', () => {
    const code = selected && unitForSelection(selected, base);
    if (code && !chosen.includes(code)) onChange([...chosen, code], code, true);
  });

  function renderOptions(): void {
    const focused = options.contains(document.activeElement) ? document.activeElement!.id : null;
    if (!units) return options.replaceChildren(h('li', { class: 'flow-note' }, '…'));
    const all = coreCandidates(units, coreAt(chosen, base), filter.value);
    const listed = all.slice(0, MAX_LISTED);
    options.replaceChildren(
      ...listed.map((u) => {
        const id = `core-unit-${u.code}`;
        const on = chosen.includes(u.code);
        return h(
          'li',
          {},
          h('input', { type: 'checkbox', id, checked: on, 'data-code': u.code, onchange: (e: Event) => {
            const v = (e.target as HTMLInputElement).checked;
            onChange(v ? [...chosen, u.code] : chosen.filter((c) => c !== u.code), u.code, v);
          } }),
          h('label', { for: id }, name(u), h('small', { class: 'flow-note' }, ` ${shortCode(u.code)}`)),
        );
      }),
      ...(all.length === 0 ? [h('li', { class: 'flow-note' }, ct(i18n, 'listEmpty'))] : []),
      ...(all.length > listed.length ? [h('li', { class: 'flow-note' }, ct(i18n, 'listMore', { n: all.length - listed.length }))] : []),
    );
    if (focused) document.getElementById(focused)?.focus();
  }

  function renderAdd(): void {
    const code = selected ? unitForSelection(selected, base) : null;
    const unit = code ? units?.find((u) => u.code === code) : undefined;
    add.disabled = !unit || chosen.includes(unit.code);
    add.textContent = unit ? ct(i18n, 'addSelection', { name: name(unit) }) : ct(i18n, code ? 'addSelectionOutside' : 'addSelectionNone', { level: level() });
  }

  return {
    element: h(
      'div',
      { class: 'core-list', id: 'core-list' },
      add,
      h('p', {}, h('label', { for: 'core-list-filter' }, ct(i18n, 'listFilter')), ' ', filter),
      h('p', { class: 'core-list-label', id: 'core-list-label' }, ct(i18n, 'listLabel')),
      options,
      count,
    ),
    update(candidates, core, selection, at) {
      units = candidates;
      chosen = core;
      selected = selection;
      base = at;
      const n = coreAt(core, base).length;
      count.textContent = n ? ct(i18n, 'listChosen', { n }) : ct(i18n, 'listNone');
      renderOptions();
      renderAdd();
    },
  };
}
