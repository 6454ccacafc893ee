// The rest of the flow view in the URL hash, beside url-state.ts's filters and MapLibre's `view`: years,
// mechanism / integration type / benefit linkage lists, the animated mode and the core/periphery view
// (drill-down keeps the level in its own state). Same rules: only differences from the defaults are written, and
// anything unknown or malformed falls back to the default.
import { normaliseCore, shortCode } from './core-rule.ts';
import type { FlowScopeState } from './flow-scope.ts';

export interface ViewUrlState {
  scope: FlowScopeState;
  animate: boolean;
  /** The core/periphery view's urbanisation threshold (percent), or null when the view is off. */
  core: number | null;
  /** The view's explicit core units (the API's rule=list), 12-digit codes; present only when that rule is chosen. */
  coreList?: string[];
}

export const DEFAULT_VIEW: ViewUrlState = {
  scope: { from: null, to: null, mechanisms: null, integrationTypes: null, benefitLinkages: null },
  animate: false,
  core: null,
};

const KEYS = ['from', 'to', 'mech', 'integ', 'benefit', 'animate', 'core', 'corelist'] as const;
const YEAR = /^(19[4-9]\d|20\d\d|2100)$/;

export interface KnownTerms {
  mechanisms: readonly string[];
  integrationTypes: readonly string[];
  benefitLinkages: readonly string[];
}

export function readViewHash(hash: string, known: KnownTerms): ViewUrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const year = (k: string) => {
    const v = p.get(k);
    return v !== null && YEAR.test(v) ? Number(v) : null;
  };
  const list = (k: string, allowed: readonly string[]) => {
    const v = p.get(k);
    if (v === null) return null;
    return v === '' ? [] : allowed.filter((t) => v.split(',').includes(t));
  };
  let from = year('from');
  let to = year('to');
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const core = p.get('core');
  const threshold = core !== null && /^\d{1,3}(\.\d+)?$/.test(core) && Number(core) <= 100 ? Number(core) : null;
  const coreList = p.get('corelist');
  return {
    ...(coreList !== null
      ? { coreList: normaliseCore(coreList.split(',')) }
      : {}),
    scope: {
      from,
      to,
      mechanisms: list('mech', known.mechanisms),
      integrationTypes: list('integ', known.integrationTypes),
      benefitLinkages: list('benefit', known.benefitLinkages),
    },
    animate: p.get('animate') === '1',
    core: threshold,
  };
}

export function writeViewHash(hash: string, s: ViewUrlState): string {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  for (const k of KEYS) p.delete(k);
  if (s.scope.from !== null) p.set('from', String(s.scope.from));
  if (s.scope.to !== null) p.set('to', String(s.scope.to));
  if (s.scope.mechanisms !== null) p.set('mech', s.scope.mechanisms.join(','));
  if (s.scope.integrationTypes !== null) p.set('integ', s.scope.integrationTypes.join(','));
  if (s.scope.benefitLinkages !== null) p.set('benefit', s.scope.benefitLinkages.join(','));
  if (s.animate) p.set('animate', '1');
  if (s.core !== null) p.set('core', String(s.core));
  // Short codes (6 or 9 digits) keep shared links readable; read back as 12.
  if (s.coreList !== undefined) p.set('corelist', s.coreList.map(shortCode).join(','));
  const text = p.toString().replace(/%2F/gi, '/').replace(/%7C/gi, '|').replace(/%2C/gi, ',');
  return text ? `#${text}` : '';
}
