// Regenerates client/basemap/rivers-wdbii.geojson, the basemap's major rivers, from the WDBII river set
// that ships with GSHHG (Debian packages `gmt` and `gmt-gshhg-full`, LGPL-3.0). The output is committed,
// so neither users nor CI need GMT; run this only to change the window or the river classes:
//   apt-get install gmt gmt-gshhg-full && npx tsx client/basemap/extract-rivers.ts
// `--census` prints instead what WDBII holds around Wenzhou in every class and resolution (see CENSUS_BOX).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiLineString } from 'geojson';
import { defaultLandOptions } from './land.ts';
import { clipLineToBox, roundLine, simplifyLine, type Position } from './geometry.ts';

// WDBII classes: 1 permanent major rivers, 2 additional major rivers, 3 additional rivers. Wenzhou's 瓯江
// is class 3, so class 3 is kept around the demo region only (across the whole window it would triple the
// file); classes 4+ (minor, intermittent, canals) would only clutter a plain basemap. The 飞云江 and 鳌江
// are in no class at any resolution (`--census`: every river vertex in the city's box lies north of
// 28.1°N, the 瓯江 and its tributaries), so no class or window change here can draw them.
const PARTS = [
  { box: defaultLandOptions.window, classes: [1, 2], tolerance: 0.005, decimals: 3 },
  { box: defaultLandOptions.detail, classes: [3], tolerance: 0.001, decimals: 4 },
];
const RESOLUTION = 'h'; // GSHHG "high" (≈ 200 m): "full" adds size, not visible detail, at basemap zooms

export const riversFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rivers-wdbii.geojson');

/** Parses `gmt coast -M` output: segments headed by "> River Bin # n, Level k". */
export function parseGmtSegments(text: string): { level: number; line: Position[] }[] {
  const out: { level: number; line: Position[] }[] = [];
  let current: { level: number; line: Position[] } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('>')) {
      const level = /Level\s+(\d+)/.exec(line)?.[1];
      current = { level: level ? Number(level) : 0, line: [] };
      out.push(current);
      continue;
    }
    const [x, y] = line.split(/\s+/).map(Number);
    if (current && Number.isFinite(x) && Number.isFinite(y)) current.line.push([x!, y!]);
  }
  return out.filter((s) => s.line.length > 1);
}

/** Wenzhou city, roughly: the box `--census` counts river vertices in. */
export const CENSUS_BOX = [119.6, 27.0, 121.2, 28.4] as const;

export interface ClassCensus {
  vertices: number;
  /** Southern and northern edge of the class's vertices inside the box. */
  south: number;
  north: number;
}

/** Vertices per WDBII class inside a box [w, s, e, n], with the latitudes they span. */
export function censusInBox(segments: readonly { level: number; line: Position[] }[], box: readonly [number, number, number, number]): Map<number, ClassCensus> {
  const [w, s, e, n] = box;
  const out = new Map<number, ClassCensus>();
  for (const seg of segments)
    for (const [x, y] of seg.line) {
      if (x < w || x > e || y < s || y > n) continue;
      const c = out.get(seg.level) ?? { vertices: 0, south: Infinity, north: -Infinity };
      out.set(seg.level, { vertices: c.vertices + 1, south: Math.min(c.south, y), north: Math.max(c.north, y) });
    }
  return out;
}

function census() {
  const [w, s, e, n] = CENSUS_BOX;
  for (const resolution of ['f', 'h', 'i']) {
    // -Ia: every river and canal class (0–10).
    const args = ['coast', `-R${w}/${e}/${s}/${n}`, '-Ia', '-M', `-D${resolution}`];
    const found = censusInBox(parseGmtSegments(execFileSync('gmt', args, { encoding: 'utf8', cwd: os.tmpdir() })), CENSUS_BOX);
    const text = [...found].sort(([a], [b]) => a - b).map(([k, c]) => `class ${k}: ${c.vertices} vertices, ${c.south.toFixed(2)}–${c.north.toFixed(2)}°N`);
    console.log(`gmt ${args.join(' ')}\n  ${text.join('\n  ') || 'no river'}`);
  }
}

function main() {
  const byClass = new Map<number, Position[][]>();
  const commands: string[] = [];
  for (const part of PARTS) {
    const [w, s, e, n] = part.box;
    const args = ['coast', `-R${w}/${e}/${s}/${n}`, ...part.classes.map((c) => `-I${c}`), '-M', `-D${RESOLUTION}`];
    commands.push(`gmt ${args.join(' ')}`);
    // Run in the temp dir: GMT leaves a gmt.history file wherever it runs.
    const text = execFileSync('gmt', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: os.tmpdir() });
    // GMT returns whole bins that meet -R, so segments can reach past the box: clip them to it.
    for (const seg of parseGmtSegments(text)) {
      for (const piece of clipLineToBox(seg.line, part.box)) {
        const line = roundLine(simplifyLine(piece, part.tolerance), part.decimals);
        if (line.length < 2) continue;
        if (!byClass.has(seg.level)) byClass.set(seg.level, []);
        byClass.get(seg.level)!.push(line);
      }
    }
  }
  const fc: FeatureCollection<MultiLineString> = {
    type: 'FeatureCollection',
    features: [...byClass.entries()]
      .sort(([a], [b]) => a - b)
      .map(([level, lines]) => ({ type: 'Feature', properties: { class: level }, geometry: { type: 'MultiLineString', coordinates: lines } })),
  };
  // The provenance travels with the file, so nobody has to guess where it came from.
  const out = {
    ...fc,
    source: {
      title: 'WDBII rivers, from GSHHG 2.3.7',
      publisher: 'P. Wessel and W. H. F. Smith (SOEST, University of Hawaiʻi / NOAA)',
      licence: 'LGPL-3.0-or-later',
      via: 'Debian packages gmt and gmt-gshhg-full',
      commands,
      simplified: PARTS.map((p) => `classes ${p.classes.join(',')}: Douglas–Peucker ${p.tolerance}°, ${p.decimals} decimals`),
    },
  };
  fs.writeFileSync(riversFile, JSON.stringify(out) + '\n');
  const points = fc.features.reduce((sum, f) => sum + f.geometry.coordinates.reduce((a, l) => a + l.length, 0), 0);
  console.log(`wrote ${riversFile}: ${fc.features.length} classes, ${points} points, ${fs.statSync(riversFile).size} bytes`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--census')) census();
  else main();
}
