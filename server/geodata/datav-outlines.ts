// Province, prefecture and county outlines for a region from DataV files: the mirror first, then the live
// service when downloads are allowed. Converted from GCJ-02 to WGS-84 here.
import type { Geometry } from 'geojson';
import { datavProps } from './datav-feature.ts';
import { parseGeoJson } from './geojson-input.ts';
import { degreeProblem, structureProblem } from './geometry-checks.ts';
import { ImportError } from './import-error.ts';
import { pointToWgs84, toWgs84, type SourceCrs } from './source-crs.ts';
import { findSourceFile, type FileAccess } from './source-files.ts';
import type { SourceEntry } from './source-manifest.ts';

export interface Outline {
  code6: string;
  sourceId: string;
  location: string;
  origin: 'mirror' | 'download' | 'npm';
  /** The name in the DataV file, to compare with the NBS name. */
  name: string;
  geometry: Geometry;
  /** The seat (DataV's `center`), in WGS-84. */
  seat: [number, number] | null;
}

const GCJ02: SourceCrs = { kind: 'gcj02', label: 'GCJ-02' };

export async function readOutline(access: FileAccess, sources: readonly SourceEntry[], code6: string): Promise<Outline | null> {
  const file = await findSourceFile(access, sources, 'outline', { code6 });
  if (!file) return null;
  const features = parseGeoJson(file.bytes, file.location);
  const f = features.find((x) => String(datavProps(x).code) === code6);
  if (!f) throw new ImportError(`${file.location}: no feature with adcode ${code6}`);
  const p = datavProps(f);
  const problem = structureProblem(f.geometry) ?? (f.geometry ? degreeProblem(f.geometry) : 'no geometry');
  if (problem || !f.geometry || f.geometry.type === 'Point') {
    throw new ImportError(`${file.location}: feature #${f.index} (adcode ${code6}): ${problem ?? 'a point is not an outline'}`);
  }
  return {
    code6,
    sourceId: file.sourceId,
    location: file.location,
    origin: file.origin,
    name: typeof p.name === 'string' ? p.name : '',
    geometry: toWgs84(f.geometry, GCJ02),
    seat: p.center ? pointToWgs84(p.center, GCJ02) : null,
  };
}
