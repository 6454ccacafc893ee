// The summaries `npm run import` prints on stdout: counts by level, skips grouped by reason, repairs, what
// became of the generalised tile shapes, and for --region the join figures.
import type { ImportSummary } from './import-run.ts';
import type { RegionImportReport } from './region-import.ts';

export const n = (x: number) => x.toLocaleString('en');

export function printSummary(s: ImportSummary, out: NodeJS.WritableStream) {
  const lines = [
    `Imported ${s.input} in ${(s.durationMs / 1000).toFixed(1)} s (source ${s.sourceId}, run ${s.runId})`,
    `  inserted ${n(s.inserted)}, updated ${n(s.updated)}, unchanged ${n(s.unchanged)}, skipped ${n(s.skipped)}`,
  ];
  for (const [level, c] of Object.entries(s.byLevel)) {
    lines.push(`    ${level.padEnd(10)} ${n(c.inserted)} inserted, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged`);
  }
  for (const k of s.skippedByReason) lines.push(`  skipped ${k.count} × ${k.reason}: ${k.examples.join('; ')}${k.count > k.examples.length ? '; …' : ''}`);
  const repaired = (s.notes.repaired ?? []) as { where: string; reason: string }[];
  for (const r of repaired) lines.push(`  ${r.reason} — ${r.where}`);
  const g = s.generalise;
  if (g?.done) lines.push(`  generalised tile shapes rebuilt in ${g.seconds} s (${n(g.rebuilt)} unit rebuilds, ${n(g.context)} more units as context; a unit near a province border counts once per province)`);
  if (g && !g.done) lines.push(`  generalised tile shapes NOT rebuilt (${n(g.changed)} shapes changed); run: ${g.command}`);
  lines.push(s.dataVersion === null ? '  nothing changed; the data version stays as it was' : `  data version is now ${s.dataVersion}`);
  out.write(lines.join('\n') + '\n');
}

export function printRegion(r: RegionImportReport, out: NodeJS.WritableStream) {
  const t = r.townships;
  const v = r.villages;
  const lines = [
    `  statistical units (not townships; their villages sit under the county): ${r.statisticalUnits.join(', ') || 'none'}`,
    `  townships: ${t.total}; ${t.nameMatched} names found in the 2016 list (${t.matchedOutsideOwnCounty} of them in another county),` +
      ` ${t.nameMatchedWithCoordinates} with coordinates; ${t.withPoint} seats used, ${t.withArea} approximate areas` +
      (t.withPoint > t.withArea ? ` (${t.withPoint - t.withArea} seats coincide with another township's and get no area)` : ''),
  ];
  if (t.droppedOutsideCounty.length) lines.push(`    seats dropped (outside their county): ${t.droppedOutsideCounty.join(', ')}`);
  if (t.unmatched.length) lines.push(`    not found in the 2016 list (${t.unmatched.length}): ${t.unmatched.join(', ')}`);
  lines.push(
    `  villages: ${n(v.total)}; ${n(v.nameMatched)} names found in the 2016 list, ${n(v.nameMatchedWithCoordinates)} with coordinates,` +
      ` ${v.droppedOutsideCounty.length} dropped outside their county; ${n(v.withPoint)} have a point (point_basis name_match)`,
  );
  const noVillageFile = (r.notes.countiesWithoutVillageFile ?? []) as string[];
  if (noVillageFile.length) {
    lines.push(`    no 2016 village file for ${noVillageFile.length} counties (${noVillageFile.join(', ')}); set ALLOW_DOWNLOAD=true to fetch them`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const x of r.outlinesRenamed) lines.push(`  outline under an earlier code: ${x}`);
  if (r.outlinesMissing.length) lines.push(`  no outline found for: ${r.outlinesMissing.join(', ')}`);
  out.write(lines.join('\n') + '\n');
}
