// The row header both core/periphery tables share: the factor's swatch and name, then its unit and basis.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import type { CpTotal } from '../data/core-periphery.ts';
import type { Vocabulary } from '../data/flow-json.ts';
import { factorColour } from '../data/flow-style.ts';
import { termLabel } from '../data/term-labels.ts';
import { ft } from '../flows/filter-strings.ts';

export function rowHead(i18n: I18n, vocab: Vocabulary, t: CpTotal): HTMLElement {
  const L = i18n.locale;
  const basis = termLabel(vocab, 'bases', t.basis, L);
  return h(
    'th',
    { scope: 'row' },
    h('span', { class: 'flow-swatch', style: `background:${factorColour(t.factor)}`, 'aria-hidden': 'true' }),
    termLabel(vocab, 'factors', t.factor, L),
    h('small', { class: 'flow-note' }, t.unit ? ft(i18n, 'coreUnitBasis', { unit: termLabel(vocab, 'units', t.unit, L), basis }) : basis),
  );
}
