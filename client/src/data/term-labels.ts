// Vocabulary terms in the page language, falling back to the key so an unknown term still shows something true.
import type { Locale } from '../i18n.ts';
import type { Term, Vocabulary } from './flow-json.ts';

export type TermKind = keyof Vocabulary;

export function termLabel(vocab: Vocabulary, kind: TermKind, key: string, locale: Locale): string {
  const t: Term | undefined = (vocab[kind] ?? []).find((x) => x.key === key);
  if (!t) return key;
  return locale === 'en' ? t.en : t.zh;
}

/** A magnitude as people write it in each language: grouped digits; fractions below 1 keep 2 significant digits. */
export function formatNumber(v: number, locale: Locale): string {
  const abs = Math.abs(v);
  if (abs !== 0 && abs < 1) return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(v);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: abs < 100 ? 1 : 0 }).format(v);
}
