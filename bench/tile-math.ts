// Slippy-map tile arithmetic (web mercator, XYZ scheme), shared by the tile benchmark and the tile tests.

export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile at zoom z that intersects a lon/lat box. */
export function tilesCovering(bounds: [number, number, number, number], z: number): { x: number; y: number }[] {
  const [w, s, e, n] = bounds;
  const nw = lonLatToTile(w, n, z);
  const se = lonLatToTile(e, s, z);
  const out: { x: number; y: number }[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ x, y });
  return out;
}
