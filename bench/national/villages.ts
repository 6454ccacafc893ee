// Synthetic villages: a seeded number of made-up villages under every real township, placed at random
// around the township's real seat. No real village list with points exists openly for all of China, and
// the benchmark needs the volume (the NBS counts about 490,000 village-level units), not the places.
import type { GeneratorParams } from './params.ts';
import { VILLAGE_CODE_BASE } from './params.ts';
import { seededRng } from './prng.ts';

export interface TownshipSeat {
  code: string;
  /** WGS-84 seat, or null when the 2016 list gives none. */
  lon: number | null;
  lat: number | null;
}

export interface SyntheticVillage {
  code: string;
  parentCode: string;
  nameZh: string;
  nameEn: string;
  namePinyin: string;
  lon: number | null;
  lat: number | null;
}

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;
/** Its own stream, so that changing the flow parameters leaves the villages as they were. */
const VILLAGE_STREAM = 0x76696c6c;

/** Townships must come sorted by code: the output depends on the order. */
export function syntheticVillages(townships: readonly TownshipSeat[], p: Pick<GeneratorParams, 'seed' | 'villagesPerTownship' | 'villageRadiusKm'>): SyntheticVillage[] {
  const { min, max } = p.villagesPerTownship;
  if (min < 1 || max < min || max > 99) throw new Error('villagesPerTownship must satisfy 1 ≤ min ≤ max ≤ 99 (codes 901–999)');
  const rng = seededRng(p.seed ^ VILLAGE_STREAM);
  const out: SyntheticVillage[] = [];
  for (const t of townships) {
    const n = rng.int(min, max);
    for (let k = 1; k <= n; k++) {
      const suffix = String(VILLAGE_CODE_BASE + k);
      // Uniform over the disc: the radius goes as the square root of a uniform draw.
      const r = p.villageRadiusKm * Math.sqrt(rng.next());
      const theta = 2 * Math.PI * rng.next();
      let lon: number | null = null;
      let lat: number | null = null;
      if (t.lon !== null && t.lat !== null) {
        lat = round6(t.lat + (r * Math.sin(theta)) / KM_PER_DEGREE_LAT);
        lon = round6(t.lon + (r * Math.cos(theta)) / (KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((t.lat * Math.PI) / 180)));
      }
      out.push({
        code: t.code.slice(0, 9) + suffix,
        parentCode: t.code,
        nameZh: `合成村${suffix}`,
        nameEn: `Synthetic village ${suffix}`,
        namePinyin: `hechengcun${suffix}`,
        lon,
        lat,
      });
    }
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
