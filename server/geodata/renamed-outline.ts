// A county that changed its status since the outline files were drawn also changed its code: 水城县 520221
// became 水城区 520204 (2020), 黔西县 520522 became 黔西市 520581 (2021). Looked up by its new code, its
// outline is missing. The old file is still in the mirror under the old code, which no current county of the
// prefecture uses, with the same name up to the status suffix. That outline is used, marked approximate
// (some changes of code came with mergers: 崇川区 took in 港闸区, 三元区 took in 梅列区), with a note.
import type { SourceEntry } from './source-manifest.ts';
import { readOutline, type Outline } from './datav-outlines.ts';
import type { FileAccess } from './source-files.ts';

const STATUS_SUFFIX = /(自治县|自治旗|特区|林区|县|区|市|旗)$/;

/** The name without its status suffix: 水城县 and 水城区 are both 水城. */
export const nameStem = (name: string) => name.trim().replace(STATUS_SUFFIX, '');

export interface RenamedOutline {
  outline: Outline;
  /** For the unit's note and the import summary. */
  note: string;
}

/**
 * The outline a county had under an earlier code of the same prefecture, or null. Only the local mirror is
 * searched (up to 98 file names): guessing codes against the live service would mean dozens of downloads.
 */
export async function findRenamedOutline(
  access: FileAccess,
  sources: readonly SourceEntry[],
  county: { code6: string; name: string },
  currentCodes: ReadonlySet<string>,
): Promise<RenamedOutline | null> {
  const stem = nameStem(county.name);
  if (stem.length < 2) return null;
  const mirrorOnly: FileAccess = { ...access, allowDownload: false };
  const prefix = county.code6.slice(0, 4);
  for (let i = 1; i < 100; i++) {
    const code6 = `${prefix}${String(i).padStart(2, '0')}`;
    if (code6 === county.code6 || currentCodes.has(code6)) continue;
    const outline = await readOutline(mirrorOnly, sources, code6);
    // 沙县 became 沙县区: the old name is the new one's stem, and has no suffix of its own to strip.
    if (outline && (nameStem(outline.name) === stem || outline.name.trim() === stem)) {
      return {
        outline,
        note: `outline filed under ${code6} (named ${outline.name} there), this county's earlier code; approximate, as the territory may have changed with the code`,
      };
    }
  }
  return null;
}
