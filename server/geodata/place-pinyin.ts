// Romanised names: name_en in Hanyu Pinyin with tones, the specific part written as one word and the
// generic part (区, 街道, 村委会…) as another, as Chinese place names are romanised (GB/T 17693);
// name_pinyin is the same without tones, spaces or apostrophes, in lower case, for search.
import fs from 'node:fs';
import path from 'node:path';
import { customPinyin, pinyin } from 'pinyin-pro';
import { repoRoot } from '../config.ts';

// Longest first, so 自治县 wins over 县 and 社区居委会 over 居委会.
const GENERIC_SUFFIXES = [
  '社区居民委员会', '村民委员会', '居民委员会', '社区居委会', '直辖村级区划', '自然保护区', '特别行政区',
  '自治区', '自治州', '自治县', '村委会', '居委会', '开发区', '街道', '社区', '林场', '农场', '地区',
  '省', '市', '区', '县', '旗', '盟', '镇', '乡', '村',
].sort((a, b) => b.length - a.length);

let readingsLoaded = false;

/** Place-name readings pinyin-pro gets wrong (乐清 is Yuèqīng, not Lèqīng), from geodata/pinyin-readings.json. */
function loadReadings() {
  if (readingsLoaded) return;
  const file = path.join(repoRoot, 'geodata', 'pinyin-readings.json');
  const table = JSON.parse(fs.readFileSync(file, 'utf8')) as { readings: Record<string, string> };
  customPinyin(table.readings);
  readingsLoaded = true;
}

function syllables(text: string, toned: boolean): string[] {
  return pinyin(text, { type: 'array', toneType: toned ? 'symbol' : 'none', nonZh: 'consecutive', v: !toned })
    .map((s) => s.trim())
    .filter(Boolean);
}

const VOWEL_START = /^[aoeāáǎàōóǒòēéěè]/;

/** Joins syllables into one word, with the apostrophe pinyin needs before a, o, e (Ruì'ān). */
function word(parts: string[]): string {
  let out = '';
  for (const p of parts) out += out && VOWEL_START.test(p) ? `'${p}` : p;
  return out;
}

const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

export interface Romanised {
  nameEn: string;
  namePinyin: string;
}

export function romanise(nameZh: string): Romanised {
  loadReadings();
  const suffix = GENERIC_SUFFIXES.find((s) => nameZh.endsWith(s) && nameZh.length > s.length);
  const specific = suffix ? nameZh.slice(0, -suffix.length) : nameZh;
  // Romanise the whole name at once so pinyin-pro sees the context of polyphonic characters.
  const toned = syllables(nameZh, true);
  const plain = syllables(nameZh, false);
  const specificCount = syllables(specific, true).length;
  const words = [word(toned.slice(0, specificCount))];
  if (suffix) words.push(word(toned.slice(specificCount)));
  return {
    nameEn: words.filter(Boolean).map(capitalise).join(' '),
    namePinyin: plain.join('').toLowerCase().replace(/[^a-z0-9]/g, ''),
  };
}
