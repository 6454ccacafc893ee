// The printed table of the flow-tile figures (flow-tile-bench.ts), against issue 4's two tile targets.
import { tileSummary, type TileFigure } from './flow-tile-bench.ts';

export const TILE_TARGETS = { maxDbMs: 100, maxBytes: 500 * 1024 };

const kb = (b: number) => `${(b / 1024).toFixed(b < 10_240 ? 1 : 0)} KB`;

export function tileTable(figures: readonly TileFigure[], baselineMs: number): string {
  const head = ['tile', 'place', 'level', 'db ms', '× baseline', 'features', 'size', 'gzip'];
  const body = figures.map((f) => [
    f.tile, f.place, f.level, f.ms.toFixed(1), (f.ms / baselineMs).toFixed(3), f.features.toLocaleString('en'), kb(f.bytes), kb(f.gzipBytes),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const s = tileSummary(figures);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISS');
  return [
    `FLOW TILES (database time per tile, median of the runs; baseline ${baselineMs.toFixed(0)} ms, the scan before and after)`,
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    `db time: median ${s.medianMs.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms (${s.slowestTile}), ` +
      `${(s.maxMs / baselineMs).toFixed(3)}× baseline; target < ${TILE_TARGETS.maxDbMs} ms for any tile: ${verdict(s.maxMs < TILE_TARGETS.maxDbMs)}`,
    `size: median ${kb(s.medianBytes)}, max ${kb(s.maxBytes)} (${s.largestTile}); target < 500 KB at any zoom: ${verdict(s.maxBytes < TILE_TARGETS.maxBytes)}`,
  ].join('\n');
}
