// Which unit a click means. Under one pixel there may be a county and, when zoomed in, one of its township
// areas: the finest level drawn there is the one the user is looking at.
import { fullCode, levels, type Level } from './unit-details.ts';

export interface PickedUnit {
  /** The 12-digit code, as the API takes it. */
  code: string;
  level: Level;
  /** The code exactly as the tile carries it: the key of the feature's state (promoteId). */
  featureId: string | number;
}

export function pickUnit(features: readonly { properties?: Record<string, unknown> | null }[]): PickedUnit | null {
  let best: PickedUnit | null = null;
  for (const f of features) {
    const p = f.properties ?? {};
    const level = p.level;
    if (typeof level !== 'string' || !(levels as readonly string[]).includes(level)) continue;
    let code: string;
    try {
      code = fullCode(p.code);
    } catch {
      continue;
    }
    const featureId = p.code as string | number;
    if (!best || levels.indexOf(level as Level) > levels.indexOf(best.level)) best = { code, level: level as Level, featureId };
  }
  return best;
}
