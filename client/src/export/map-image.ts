// The current view as a PNG: the map's own canvas (deck.gl draws its flows into it, interleaved) with a
// caption strip underneath carrying the title, what the line styles mean, the factor colours and the
// credits, so the image still says where its data came from once it leaves the atlas.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { colours } from '../style.ts';

export interface SwatchRow {
  lead: string;
  items: { colour: string; label: string }[];
}
export interface Caption {
  title: string;
  rows: SwatchRow[];
  lines: string[];
}

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Copies the map canvas inside a frame. WebGL's drawing buffer is cleared once a frame is shown, and
 * `preserveDrawingBuffer` would cost every frame; copying from the `render` event, which MapLibre fires
 * right after drawing, reads the finished frame instead.
 */
export function captureMap(map: MapLibreMap, timeoutMs = 10_000): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the map drew no frame')), timeoutMs);
    map.once('render', () => {
      clearTimeout(timer);
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      const ctx = copy.getContext('2d')!;
      // The sea is the map container's colour, not drawn in the canvas (style.ts).
      ctx.fillStyle = colours.sea;
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

/** Breaks text to a width, at spaces where there are any and between any two CJK characters. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const out: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (line && ctx.measureText(line + tok).width > width) {
      out.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out;
}

export function composeImage(map: HTMLCanvasElement, caption: Caption, scale: number): HTMLCanvasElement {
  const pad = 10 * scale;
  const size = 12 * scale;
  const lineHeight = Math.round(size * 1.45);
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${size}px ${FONT}`;
  const lines = caption.lines.flatMap((l) => wrap(measure, l, map.width - 2 * pad));
  const titleHeight = Math.round(15 * scale * 1.5);
  const rows = caption.rows.filter((r) => r.items.length);
  const stripHeight = pad + titleHeight + rows.length * lineHeight + lines.length * lineHeight + pad;

  const out = document.createElement('canvas');
  out.width = map.width;
  out.height = map.height + stripHeight;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(map, 0, 0);
  ctx.fillStyle = '#fffdf8';
  ctx.fillRect(0, map.height, out.width, stripHeight);
  ctx.fillStyle = '#d9cfbd';
  ctx.fillRect(0, map.height, out.width, Math.max(1, scale));
  ctx.textBaseline = 'top';
  let y = map.height + pad;
  ctx.fillStyle = '#2b2418';
  ctx.font = `bold ${15 * scale}px ${FONT}`;
  ctx.fillText(caption.title, pad, y);
  y += titleHeight;
  ctx.font = `${size}px ${FONT}`;
  for (const row of rows) {
    ctx.fillStyle = '#2b2418';
    ctx.fillText(row.lead, pad, y);
    let x = pad + ctx.measureText(row.lead).width + size * 0.6;
    for (const s of row.items) {
      ctx.fillStyle = s.colour;
      ctx.fillRect(x, y + size * 0.15, size * 1.6, size * 0.8);
      ctx.strokeStyle = 'rgba(0,0,0,0.3)';
      ctx.strokeRect(x, y + size * 0.15, size * 1.6, size * 0.8);
      x += size * 2;
      ctx.fillStyle = '#2b2418';
      ctx.fillText(s.label, x, y);
      x += ctx.measureText(s.label).width + size;
    }
    y += lineHeight;
  }
  ctx.fillStyle = '#4a4032';
  for (const l of lines) {
    ctx.fillText(l, pad, y);
    y += lineHeight;
  }
  return out;
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser made no PNG'))), 'image/png'));
}
