// The hover card: text nodes only (names and source titles come from the database), placed by the pointer.
import { h } from '../dom.ts';
import type { TooltipText } from '../data/flow-tooltip.ts';

export function createTooltip(parent: HTMLElement): { show(text: TooltipText, x: number, y: number): void; hide(): void } {
  const el = h('div', { class: 'flow-tooltip', role: 'tooltip', hidden: true });
  parent.append(el);
  return {
    show(text, x, y) {
      el.replaceChildren(h('strong', { class: 'flow-tooltip-title' }, text.title), h('dl', {}, ...text.rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
      el.hidden = false;
      const w = parent.clientWidth;
      // Keep the card on the map: flip to the pointer's left near the right edge.
      const left = x + 14 + el.offsetWidth > w ? Math.max(0, x - 14 - el.offsetWidth) : x + 14;
      el.style.left = `${left}px`;
      el.style.top = `${Math.max(0, y + 14)}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
