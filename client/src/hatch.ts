// The fill pattern that marks approximate areas: thin diagonal lines on transparency, made in code so the
// style needs no sprite sheet (and so no extra request).
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function hatchImage(size: number, [r, g, b]: [number, number, number], lineWidth = 1.5): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Perpendicular distance to the nearest line x + y ≡ 0 (mod size), so the tile repeats seamlessly.
      const m = (x + y) % size;
      const distance = Math.min(m, size - m) / Math.SQRT2;
      const alpha = Math.max(0, Math.min(1, lineWidth / 2 + 0.5 - distance));
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, data };
}

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}
