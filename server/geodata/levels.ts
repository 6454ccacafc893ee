// The five administrative levels and how many leading digits of the 12-digit NBS code each one fixes.
// Mirrors the unit_levels table in sql/migrations/001_core.sql.
export const LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type Level = (typeof LEVELS)[number];

export const CODE_PREFIX: Record<Level, number> = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
