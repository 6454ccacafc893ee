// Loads and draws the unit panel's data sections under the unit's own facts. Answers are cached per unit,
// so a language switch redraws at once; each section fails on its own (a missing balance never hides the
// indicators).
import { fetchCorridors, fetchIndicators, fetchUnitBalance } from '../api.ts';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import type { Vocabulary } from '../data/flow-json.ts';
import { fetchVocabulary } from '../flows/flows-api.ts';
import { dt } from '../drill/strings.ts';
import type { UnitSummary } from '../unit-details.ts';
import { balanceSection, indicatorsSection, partnersSection, type ProfileView } from './profile-sections.ts';

interface Loaded {
  indicators: Promise<Awaited<ReturnType<typeof fetchIndicators>>>;
  balance: Promise<Awaited<ReturnType<typeof fetchUnitBalance>>>;
  corridors: Promise<Awaited<ReturnType<typeof fetchCorridors>>>;
}

export interface UnitProfile {
  /** Draws the sections of `unit` into `root` (replacing what was there) as their answers arrive. */
  render(root: HTMLElement, unit: UnitSummary, i18n: I18n, go: (code: string) => void): void;
  /** Resolves when the sections of the last rendered unit are drawn (for tests). */
  settled(): Promise<void>;
}

export function createUnitProfile(): UnitProfile {
  const cache = new Map<string, Loaded>();
  let vocab: Vocabulary | null = null;
  const vocabReady = fetchVocabulary()
    .then((v) => void (vocab = v))
    .catch((err: Error) => console.warn(`[atlas] vocabulary: ${err.message}`));
  let last: Promise<void> = Promise.resolve();

  const load = (u: UnitSummary): Loaded => {
    let l = cache.get(u.code);
    if (!l) {
      l = { indicators: fetchIndicators(u.code), balance: fetchUnitBalance(u.code, u.level), corridors: fetchCorridors(u.code) };
      // Rejections are shown per section; keep them from being reported as unhandled.
      for (const p of Object.values(l)) (p as Promise<unknown>).catch(() => undefined);
      if (cache.size > 50) cache.clear();
      cache.set(u.code, l);
    }
    return l;
  };

  return {
    render(root, unit, i18n, go) {
      const loaded = load(unit);
      const L = i18n.locale;
      const slot = (name: string) => h('div', { class: `profile-slot profile-${name}`, 'aria-busy': 'true' }, h('p', { class: 'note' }, dt(L, 'sectionLoading')));
      const slots = { indicators: slot('indicators'), balance: slot('balance'), corridors: slot('corridors') };
      root.replaceChildren(slots.indicators, slots.balance, slots.corridors);
      const fill = async <T,>(el: HTMLElement, p: Promise<T>, draw: (v: T, view: ProfileView) => HTMLElement) => {
        try {
          const value = await p;
          await vocabReady;
          el.replaceChildren(draw(value, { locale: L, vocab, go }));
        } catch (err) {
          console.warn(`[atlas] unit ${unit.code}: ${(err as Error).message}`);
          el.replaceChildren(h('p', { class: 'note' }, dt(L, 'sectionFailed')));
        }
        el.removeAttribute('aria-busy');
      };
      last = Promise.all([
        fill(slots.indicators, loaded.indicators, (v, view) => indicatorsSection(view, v.values, v.sources)),
        fill(slots.balance, loaded.balance, (rows, view) => balanceSection(view, rows)),
        fill(slots.corridors, loaded.corridors, (v, view) => partnersSection(view, v.groups, v.sources)),
      ]).then(() => undefined);
    },
    settled: () => last,
  };
}
